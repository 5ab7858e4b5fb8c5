// The one rule for "this value is an assumption" (models/assumption.hpp): no source, or a source
// tagged [U] in any of the forms docs/sources.md uses. Citing a reference does not make a value
// sourced when the tag says the number itself was not found.
#include <mkba/models/assumption.hpp>

#include <catch2/catch.hpp>

using namespace mkba;

TEST_CASE("assumption: no source or a [U] tag, in every form the scenarios write it", "[models][sources]") {
  CHECK(source_is_assumption(""));
  CHECK(source_is_assumption("  "));
  CHECK(source_is_assumption("-"));
  CHECK(source_is_assumption("Cedris 2014 [U]"));
  CHECK(source_is_assumption("Netto loonheffing op WML na heffingskortingen [K, U]"));
  CHECK(source_is_assumption("Share of the 3 LKV years a job lasts [U, derived]"));
  CHECK(source_is_assumption("NTW ~16.000 per fte per jaar individuele detachering [seed; U in the sources] (mkba-nl 3.11)"));
  CHECK(source_is_assumption("Re-integratietraject per start, placeholder 2.000-6.000 [U] (mkba-nl 3.5)"));
  CHECK_FALSE(source_is_assumption("Stcrt 2014-29290"));
  CHECK_FALSE(source_is_assumption("Loonwaarde LKS: 47 % tussen 50-75 % WML (Divosa 2022) [V]; engine default beta mean ~0.62 (mkba-nl 3.3)"));
  CHECK_FALSE(source_is_assumption("mkba-nl 3.5"));
  CHECK_FALSE(source_is_assumption("production = wage cost, mkba-nl 3.11"));
  CHECK_FALSE(source_is_assumption("NTW 16.000/fte [seed]"));
}
