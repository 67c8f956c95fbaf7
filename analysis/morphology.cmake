# analysis/morphology.cmake -- haku_morphology: Finnish lemmas (libvoikko),
# Swedish compound splitting and spell dictionaries (libhunspell). Included
# from analysis/CMakeLists.txt (linked into haku_language) and by
# bench/analysis/CMakeLists.txt; paths are relative to this file so either
# includer works.
get_filename_component(HAKU_MORPHOLOGY_ROOT "${CMAKE_CURRENT_LIST_DIR}/.."
                       ABSOLUTE)
add_library(haku_morphology STATIC
  ${CMAKE_CURRENT_LIST_DIR}/finnish_lemmatizer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spell_dictionary.cpp
  ${CMAKE_CURRENT_LIST_DIR}/swedish_compounds.cpp)
add_library(haku::morphology ALIAS haku_morphology)
target_include_directories(haku_morphology PUBLIC ${HAKU_MORPHOLOGY_ROOT})
target_link_libraries(haku_morphology
  PRIVATE PkgConfig::VOIKKO PkgConfig::HUNSPELL PkgConfig::ICU)
haku_target_warnings(haku_morphology)
