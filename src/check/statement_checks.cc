// Statements of the report beyond its differences against the tables (in progress).
#include "check/check_context.h"

namespace jixiao::internal {

void CheckStatements(CheckContext& cx) { (void)cx; }

}  // namespace jixiao::internal
