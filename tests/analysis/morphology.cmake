# tests/analysis/morphology.cmake -- included from tests/analysis/CMakeLists.txt.
haku_add_test(NAME morphology_test LABELS "unit;analysis"
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/morphology_test.cpp LIBS haku_morphology)
