// common/file_util.h -- small file helpers that return Status, never throw.
#ifndef HAKU_COMMON_FILE_UTIL_H_
#define HAKU_COMMON_FILE_UTIL_H_

#include <string>
#include <string_view>

#include "common/result.h"

namespace haku {

// The whole file as bytes. NotFound / IOError naming the path.
Result<std::string> ReadFile(const std::string& path);

// Writes `data` to a temporary file beside `path`, fsyncs it and renames it
// over `path`, so readers see the old file or the new one, never a part.
Status WriteFileAtomically(const std::string& path, std::string_view data);

}  // namespace haku

#endif  // HAKU_COMMON_FILE_UTIL_H_
