# haku_source_digest(OUTPUT header MACRO name LIBS "versions" FILES file...)
#
# Generates `header` defining `name` as a digest of FILES (by name and
# content) and LIBS (SourceDigest.cmake), remade when any of them changes:
# what some code is, for keeping its output from one run to the next.
# The script, found beside this file (bench projects include this too).
set(HAKU_SOURCE_DIGEST_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/SourceDigest.cmake)

function(haku_source_digest)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "OUTPUT;MACRO;LIBS" "FILES")
  string(JOIN "|" files ${arg_FILES})
  add_custom_command(
    OUTPUT ${arg_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUT=${arg_OUTPUT} -DNAME=${arg_MACRO} "-DLIBS=${arg_LIBS}"
            -DFILES=${files} -P ${HAKU_SOURCE_DIGEST_SCRIPT}
    DEPENDS ${arg_FILES} ${HAKU_SOURCE_DIGEST_SCRIPT}
    VERBATIM)
endfunction()
