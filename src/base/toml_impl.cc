// The one translation unit that compiles toml++'s implementation (TOML_IMPLEMENTATION): the
// rest of the core includes its declarations only (TOML_HEADER_ONLY=0, set in CMakeLists.txt),
// so the TOML parser is part of our binaries instead of a shared library loaded at every start.
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
