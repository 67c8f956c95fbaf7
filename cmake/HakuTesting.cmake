# haku_add_test(NAME name LABELS l1 l2 SOURCES a.cpp b.cpp LIBS lib1 lib2)
# One doctest executable per component, registered with ctest under its labels
# (ctest -L unit, ctest -LE slow). Tests run from the build tree and find
# their data through HAKU_SOURCE_DIR / HAKU_SHARED_DIR.
function(haku_add_test)
  cmake_parse_arguments(T "" "NAME" "LABELS;SOURCES;LIBS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE haku_test_main ${T_LIBS})
  haku_target_warnings(${T_NAME})
  add_test(NAME ${T_NAME} COMMAND ${T_NAME})
  set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}"
    ENVIRONMENT "HAKU_SOURCE_DIR=${PROJECT_SOURCE_DIR};HAKU_SHARED_DIR=${PROJECT_SOURCE_DIR}/../shared;HAKU_BINARY_DIR=${PROJECT_BINARY_DIR};ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/lsan.supp")
endfunction()
