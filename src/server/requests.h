// Strict readers of what the web API receives: the JSON bodies of its requests, the numeric ids
// in its paths and the parameters of the package list. Each turns the untrusted text into a
// plain struct or refuses it with one InvalidArgument that says exactly what is wrong — the
// server answers 400 with that message and never looks further into a body that failed here.
//
// Every body parser refuses the following, naming the first problem found (in this order; the
// fields one at a time in the order of the struct, each for presence, then type, then range):
//   - a body that is not JSON: "请求体不是有效的 JSON：第 5 字节有误 / the request body is not
//     valid JSON: error at byte 5 (syntax error while parsing value - invalid literal)" (bytes
//     count from 1; an empty body: "请求体为空 / the request body is empty");
//   - one that nests deeper than kMaxBodyDepth, or repeats a key within an object
//     ("字段 "login" 重复出现 / field "login" appears more than once");
//   - one that is not an object: "请求体应为 JSON 对象，实际为数组 / the request body must be a
//     JSON object, not an array";
//   - an unknown field, the first one written: "未知字段 "pasword"（您是不是要写 "password"？）
//     / unknown field "pasword" (did you mean "password"?)" when a known field is at most two
//     edits away, else "未知字段 "x"（可用的字段：login、password） / unknown field "x" (known
//     fields: login, password)";
//   - a missing required field: "缺少字段 "password" / missing field "password"";
//   - a value of the wrong type: "字段 "base_version" 应为整数，实际为字符串 / field
//     "base_version" must be an integer, not a string" (null is a wrong type too: an optional
//     field is left out, not set to null);
//   - a value out of its range or set, as documented on each struct below.
// Messages are Chinese, then " / ", then English, in one string (the API answers clients of
// either language with the same text). User text quoted in a message is shortened to 64 bytes.
//
// Pure functions of their arguments; safe from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "base/decimal.h"
#include "base/status.h"

namespace jixiao::server {

// Objects and arrays may nest this deep in a body (a package is about 8 levels deep).
inline constexpr int kMaxBodyDepth = 64;
// The most operations one JSON Patch may hold.
inline constexpr size_t kMaxPatchOperations = 5000;
// The largest id or version: 2^53, the largest integer a JavaScript client holds exactly.
inline constexpr int64_t kMaxId = int64_t{1} << 53;

// POST /api/login. Both strings non-empty and at most 200 bytes; `login` without control
// characters.
struct LoginRequest {
  std::string login;
  std::string password;
};
Result<LoginRequest> ParseLoginRequest(std::string_view body);

// PUT /api/packages/{id} (PatchRequest) and POST …/check (CheckRequest): changes to a package,
// made against the version `base_version`, in one of two forms (exactly one must be given):
//   {"base_version": 3, "patch": [{"op": "replace", "path": "/cover/unit", "value": "x"}]}
//   {"base_version": 3, "package": {…the whole new package…}}
// `patch` is an RFC 6902 JSON Patch: an array of at most kMaxPatchOperations operations, each
// an object with "op" one of add, remove, replace, move, copy, test; "path" a JSON pointer (""
// or starting with "/", every "~" followed by 0 or 1); "value" for add, replace and test;
// "from", a JSON pointer that is not a proper prefix of "path", for move and copy; no other
// members. Messages about an operation start with its index: "patch[2]：操作 "add" 缺少字段
// "value" / patch[2]: operation "add" needs field "value"", "patch[0]：字段 "path" 不是有效的
// JSON 指针（应以 "/" 开头）："a/b" / patch[0]: field "path" is not a valid JSON pointer (it
// must start with "/"): "a/b"". Whether the paths exist in the package is for applying the
// patch to decide, not for this parser; `package` is only checked to be an object.
struct PatchRequest {
  int64_t base_version = 0;  // 1..kMaxId; for a CheckRequest, 0 when not given (the head)
  nlohmann::json patch = nlohmann::json::array();  // the operations; [] when `package` is given
  std::optional<nlohmann::json> package;           // the whole new package, when given
};
using CheckRequest = PatchRequest;
Result<PatchRequest> ParsePatchRequest(std::string_view body);
// As ParsePatchRequest, but "base_version" may be left out (then 0: check against the head).
Result<CheckRequest> ParseCheckRequest(std::string_view body);

// POST /api/packages/{id}/submit, /return, /forward, /accept, /publish: an optional comment
// (at most 4000 bytes, no control characters but tab and line breaks) and the version the
// person was looking at (1..kMaxId), so that a stale view is refused.
struct TransitionRequest {
  std::string comment;
  std::optional<int64_t> version;
};
Result<TransitionRequest> ParseTransitionRequest(std::string_view body);

// POST /api/packages/{id}/comments. `body` non-empty, at most 8000 bytes, no control characters
// but tab and line breaks; `target` what the comment is about: "" (the package), a JSON pointer
// into the package ("/evaluation/indicators/3"), or "code:" and a diagnostic code of
// check/codes.h ("code:A101"); `reply_to` the comment answered (1..kMaxId).
struct CommentRequest {
  std::string body;
  std::string target;
  std::optional<int64_t> reply_to;
};
Result<CommentRequest> ParseCommentRequest(std::string_view body);

// POST /api/packages. `unit_id` (1..kMaxId) may be left out for the caller's own unit;
// `fiscal_year` 2000..2100; `from` what the new package starts as: "last_year" (the default:
// a copy of the unit's previous year), "blank" or "example".
struct CreatePackageRequest {
  std::optional<int64_t> unit_id;
  int fiscal_year = 0;
  std::string from = "last_year";
};
Result<CreatePackageRequest> ParseCreatePackageRequest(std::string_view body);

// POST /api/packages/{id}/versions/{v}/restore: the head version the restore is made against
// (1..kMaxId).
struct RestoreRequest {
  int64_t base_version = 0;
};
Result<RestoreRequest> ParseRestoreRequest(std::string_view body);

// PUT /api/deadlines/{year}: "date" exactly "YYYY-MM-DD", a real calendar date (leap years
// counted) in the years 2000..2200: "字段 "date" 不是有效的日期："2025-02-30"（应为
// YYYY-MM-DD） / field "date" is not a valid date: "2025-02-30" (expected YYYY-MM-DD)".
struct DeadlineRequest {
  std::string date;  // as given
  int year = 0, month = 0, day = 0;
};
Result<DeadlineRequest> ParseDeadlineRequest(std::string_view body);

// POST /api/tokens: the token's name, non-empty, at most 100 bytes, no control characters.
struct TokenRequest {
  std::string name;
};
Result<TokenRequest> ParseTokenRequest(std::string_view body);

// POST /api/users (admin): `login` and `name` non-empty, at most 200 bytes, no control
// characters; `role` one of clerk, head, dept_reviewer, bureau, admin; `org_id` 1..kMaxId;
// `password`, when given, 8..200 bytes (left out: the server makes one with GeneratePassword).
struct UserRequest {
  std::string login;
  std::string name;
  std::string role;
  int64_t org_id = 0;
  std::optional<std::string> password;
};
Result<UserRequest> ParseUserRequest(std::string_view body);

// An id in a path ("/api/packages/42"): decimal digits only, no sign, no leading zero, at most
// 16 digits, 1..kMaxId. Otherwise InvalidArgument ""042" 不是有效的编号（应为 1 到
// 9007199254740992 之间、不以 0 开头的十进制数） / "042" is not a valid id (expected a decimal
// number from 1 to 9007199254740992 without leading zeros)".
// Example: ParseId("42") == 42; ParseId("-1"), ParseId("1e3"), ParseId("") fail.
Result<int64_t> ParseId(std::string_view text);

// The parameters of GET /api/packages, decoded (percent-escapes undone) by the HTTP layer:
//   year=2024            fiscal year, 2000..2100, plain digits
//   status=submitted     one of draft, submitted, returned, forwarded, accepted, published
//   unit=17              a unit's id (as ParseId)
//   sort=-total          one of unit, year, status, total, grade, execution_rate, updated;
//                        a leading '-' sorts in descending order
// Unknown parameters ("未知参数 "yaer"（您是不是要写 "year"？） / unknown parameter "yaer" (did
// you mean "year"?)"), a parameter given twice ("参数 "year" 出现了 2 次 / parameter "year" is
// given 2 times") and empty values are refused. Without `sort` the list is the most recently
// updated first: sort "updated", desc true.
struct ListQuery {
  std::optional<int> year;
  std::optional<std::string> status;
  std::optional<int64_t> unit;
  std::string sort = "updated";
  bool desc = true;
};
Result<ListQuery> ParseListQuery(const std::multimap<std::string, std::string>& params);

// POST /api/v1/years/{year}/sample: `size` 1..1000 packages; `seed` 0..2^53 (left out: the
// server draws one, and stores it); `risk_share` 0..100, the percent of the sample taken from
// the top of the risk ranking (default 50).
struct SampleRequest {
  int64_t size = 0;
  std::optional<int64_t> seed;
  int64_t risk_share = 50;
};
Result<SampleRequest> ParseSampleRequest(std::string_view body);

// PUT /api/v1/packages/{id}/spot-check: `scores`, an array (at most 1000) of {pointer (a JSON
// pointer), score (a decimal as text or a number, at most 6 decimals), reason (0..2000 bytes,
// line breaks allowed)}. Whether each names a line and lies within its 分值 is checked against
// the package (review/spot_check.h ValidateSpotScores).
struct SpotScoreInput {
  std::string pointer;
  Decimal score;
  std::string reason;
};
struct SpotCheckRequest {
  std::vector<SpotScoreInput> scores;
};
Result<SpotCheckRequest> ParseSpotCheckRequest(std::string_view body);

// POST /api/v1/packages/{id}/rectifications: `what` (1..2000 bytes) must be corrected, `why`
// (1..4000), `due_date` YYYY-MM-DD; optional `target` (a JSON pointer into the package) and
// `source` ("review", the default, or "spot_check").
struct RectificationRequest {
  std::string what;
  std::string why;
  std::string due_date;
  std::string target;
  std::string source = "review";
};
Result<RectificationRequest> ParseRectificationRequest(std::string_view body);

// POST /api/v1/packages/{id}/rectifications/{rid}/notes: `kind` answer, close or reopen; `body`
// 1..4000 bytes; optional `attachment_id` (evidence of this package uploaded for the answer).
struct RectificationNoteRequest {
  std::string kind;
  std::string body;
  std::optional<int64_t> attachment_id;
};
Result<RectificationNoteRequest> ParseRectificationNoteRequest(std::string_view body);

// The parameters of the year's dashboard (GET /dashboard, GET /api/v1/years/{year}/dashboard),
// checked as ParseListQuery checks its own:
//   year=2024            the fiscal year (the page's; the API has it in the path)
//   status=submitted     a package status, or not_started (no package), not_submitted (a draft,
//                        as a reviewer sees it), late (submitted after the deadline, or not
//                        submitted and the deadline passed)
//   dept=12              the units under one 主管部门 (as ParseId)
//   q=科协               a part of the unit's name or code, at most 100 bytes
//   sort=-risk           one of unit, department, status, submitted, total, grade,
//                        execution_rate, findings, risk; '-' for descending
//   format=csv           json (default), csv or xlsx (the API's answer)
// Without `sort`: the riskiest first (sort "risk", desc true).
struct DashboardQuery {
  std::optional<int> year;
  std::optional<std::string> status;
  std::optional<int64_t> dept;
  std::string text;
  std::string sort = "risk";
  bool desc = true;
  std::string format = "json";
};
Result<DashboardQuery> ParseDashboardQuery(const std::multimap<std::string, std::string>& params);

}  // namespace jixiao::server
