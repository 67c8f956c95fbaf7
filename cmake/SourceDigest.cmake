# cmake -DOUT=HEADER -DNAME=MACRO -DLIBS="..." -DFILES="a|b|c" -P SourceDigest.cmake
#
# Writes HEADER defining MACRO as a digest of FILES (by name and content)
# and LIBS (library versions): what some code is, for keeping its output.
# The header is rewritten only when the digest changes.
string(REPLACE "|" ";" files "${FILES}")
set(all "${LIBS}\n")
foreach(f IN LISTS files)
  file(SHA256 "${f}" h)
  get_filename_component(name "${f}" NAME)
  string(APPEND all "${name} ${h}\n")
endforeach()
string(SHA256 digest "${all}")
string(SUBSTRING "${digest}" 0 16 digest)
file(WRITE "${OUT}.tmp" "#define ${NAME} \"${digest}\"\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
