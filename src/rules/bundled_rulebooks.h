// The rulebooks compiled into the binary: rulebooks/*.toml, embedded at build time by
// cmake/embed_rulebooks.cmake, so `jixiao` needs no data files at run time.
#pragma once

namespace jixiao {

struct BundledRulebookText {
  const char* id;    // file stem: "national", "hunan-lingling"
  const char* toml;  // file contents
};

extern const BundledRulebookText kBundledRulebooks[];
extern const int kBundledRulebookCount;

}  // namespace jixiao
