#include "common/printable.h"

#include <doctest/doctest.h>

#include <string>

namespace haku {

TEST_CASE("PrintableLine: control characters as spaces, bytes that are not UTF-8 as '?'") {
  CHECK(PrintableLine("mimic kaggle") == "mimic kaggle");
  CHECK(PrintableLine("a\x1b[2Jb\nc\td\x7f") == "a [2Jb c d ");
  CHECK(PrintableLine("x\xc2\x9b" "y") == "x y");                       // C1 (CSI) in UTF-8
  CHECK(PrintableLine("l\xc3\xa4ke \xe2\x80\x94 \xf0\x9f\x94\x8e") == "l\xc3\xa4ke \xe2\x80\x94 \xf0\x9f\x94\x8e");
  CHECK(PrintableLine("a\xff" "b\xc3") == "a?b?");                    // invalid, truncated
  CHECK(PrintableLine("\xc0\xaf") == "??");                            // overlong
}

TEST_CASE("PrintableLine cuts a long text, and says so") {
  CHECK(PrintableLine(std::string(10, 'a'), 10) == std::string(10, 'a'));
  CHECK(PrintableLine(std::string(11, 'a'), 10) == std::string(10, 'a') + " ...");
}

}  // namespace haku
