# Every dependency comes from a Debian package, found through pkg-config or
# the package's CMake config. Nothing is vendored. scripts/install-deps
# installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp)
pkg_check_modules(VOIKKO REQUIRED IMPORTED_TARGET libvoikko)
pkg_check_modules(HUNSPELL REQUIRED IMPORTED_TARGET hunspell)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(HTTPLIB IMPORTED_TARGET cpp-httplib)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(tomlplusplus REQUIRED)

# CLD2 ships no pkg-config file: find the header and the full-table library.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h REQUIRED)
find_library(CLD2_CODE_LIBRARY NAMES cld2 REQUIRED)  # libcld2_full holds tables only
add_library(haku_cld2 INTERFACE)
target_include_directories(haku_cld2 SYSTEM INTERFACE ${CLD2_INCLUDE_DIR})
target_link_libraries(haku_cld2 INTERFACE ${CLD2_CODE_LIBRARY})
