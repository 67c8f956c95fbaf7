# The test build (scripts/test) turns this on: ASan + UBSan on everything we
# compile, any report fatal (UBSan does not recover).
if(HAKU_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                      -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()
