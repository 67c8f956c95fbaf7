# haku_target_warnings(target): our warnings on our own targets only;
# third-party headers come in as SYSTEM includes and are not judged.
function(haku_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(HAKU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
