// `mkba report --pdf` hands the browser a file:// URL: a folder name with '#', '%', a space or a
// non-ASCII letter must still name the same file (a raw '#' would start a fragment).
#include <catch2/catch.hpp>

#include <mkba/report/pdf.hpp>

TEST_CASE("pdf: the file URL percent-encodes every byte a URL would misread", "[pdf]") {
  CHECK(mkba::report::file_url("/tmp/out/rapport.html") == "file:///tmp/out/rapport.html");
  CHECK(mkba::report::file_url("/tmp/rapport #2/100%/r.html") == "file:///tmp/rapport%20%232/100%25/r.html");
  CHECK(mkba::report::file_url("/tmp/re\xC3\xABle?x=1/r.html") == "file:///tmp/re%C3%ABle%3Fx%3D1/r.html");
  CHECK(mkba::report::file_url("/a-b_c.d~e") == "file:///a-b_c.d~e");
}
