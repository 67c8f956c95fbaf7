// common/status.h -- the one error type of haku, after LevelDB's Status.
//
// A Status is either OK or carries a code and a one-line message meant for a
// person ("corpus/x.md: no such file"). Expected failures (a 404, a malformed
// list line, a bad query) are Status values, never exceptions. Status is a
// plain value type: copyable, thread-compatible.
#ifndef HAKU_COMMON_STATUS_H_
#define HAKU_COMMON_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace haku {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,
    kIOError,
    kCorruption,
    kNotSupported,
    kBusy,  // e.g. another update holds the lock
  };

  Status() = default;
  static Status OK() { return Status(); }
  static Status NotFound(std::string_view msg) { return {Code::kNotFound, msg}; }
  static Status InvalidArgument(std::string_view msg) {
    return {Code::kInvalidArgument, msg};
  }
  static Status IOError(std::string_view msg) { return {Code::kIOError, msg}; }
  static Status Corruption(std::string_view msg) {
    return {Code::kCorruption, msg};
  }
  static Status NotSupported(std::string_view msg) {
    return {Code::kNotSupported, msg};
  }
  static Status Busy(std::string_view msg) { return {Code::kBusy, msg}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "OK", or the message as it should be shown on one line.
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}
  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace haku

#endif  // HAKU_COMMON_STATUS_H_
