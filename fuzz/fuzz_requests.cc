// libFuzzer target for what the web API reads from strangers (server/requests.h,
// server/sniff.h): any bytes must give a request or an InvalidArgument, never a crash, a hang
// or an exception. The first byte picks the body parser, the rest is the body; the rest is
// also read as a path id, as a list query ("k=v&k=v", split here) and as an uploaded evidence
// file. Invariants checked:
//   - every refusal is InvalidArgument, in valid UTF-8 (it goes back to the client inside a
//     JSON answer), Chinese and English joined by " / ";
//   - a body nlohmann::json cannot parse is refused;
//   - what is accepted keeps its documented ranges (ids and versions 1..2^53, at most 5000
//     patch operations, exactly one of patch / package, a parsed id prints back as the text);
//   - the bytes read as an Accept-Encoding header (server/http_encoding.h) take gzip only when
//     they name it or "*"; cut in pieces, some kept compressed and some stored, they make a gzip
//     member that zlib reads back as the bytes themselves.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text.h"
#include "server/http_encoding.h"
#include "server/requests.h"
#include "server/sniff.h"

namespace {

namespace server = jixiao::server;

void CheckRefusal(const jixiao::Status& status) {
  if (status.code() != jixiao::Status::Code::kInvalidArgument) std::abort();
  if (status.message().find(" / ") == std::string::npos) std::abort();
  try {
    (void)nlohmann::json(status.message()).dump();  // throws on invalid UTF-8
  } catch (const nlohmann::json::exception&) {
    std::abort();
  }
}

// Checks `r`: a refusal as above, an acceptance by `valid`; returns whether it was accepted.
template <typename T, typename Valid>
bool Check(const jixiao::Result<T>& r, Valid valid) {
  if (!r.ok()) {
    CheckRefusal(r.status());
    return false;
  }
  if (!valid(*r)) std::abort();
  return true;
}

bool IdInRange(int64_t id) { return id >= 1 && id <= server::kMaxId; }
bool OptionalIdInRange(const std::optional<int64_t>& id) { return !id || IdInRange(*id); }

bool ValidChanges(const server::PatchRequest& r, bool version_required) {
  if (version_required ? !IdInRange(r.base_version)
                       : (r.base_version != 0 && !IdInRange(r.base_version))) {
    return false;
  }
  if (!r.patch.is_array() || r.patch.size() > server::kMaxPatchOperations) return false;
  if (r.package) return r.package->is_object() && r.patch.empty();
  for (const nlohmann::json& op : r.patch) {
    if (!op.is_object() || !op.contains("op") || !op.contains("path")) return false;
  }
  return true;
}

// Parses `body` with parser number `which`; whether it was accepted.
bool ParseBody(uint8_t which, std::string_view body) {
  switch (which % 11) {
    case 0:
      return Check(server::ParseLoginRequest(body), [](const server::LoginRequest& r) {
        return !r.login.empty() && r.login.size() <= 200 && !r.password.empty() &&
               r.password.size() <= 200;
      });
    case 1:
      return Check(server::ParsePatchRequest(body),
                   [](const server::PatchRequest& r) { return ValidChanges(r, true); });
    case 2:
      return Check(server::ParseCheckRequest(body),
                   [](const server::CheckRequest& r) { return ValidChanges(r, false); });
    case 3:
      return Check(server::ParseTransitionRequest(body), [](const server::TransitionRequest& r) {
        return r.comment.size() <= 4000 && OptionalIdInRange(r.version);
      });
    case 4:
      return Check(server::ParseCommentRequest(body), [](const server::CommentRequest& r) {
        return !r.body.empty() && r.body.size() <= 8000 && OptionalIdInRange(r.reply_to) &&
               (r.target.empty() || r.target[0] == '/' || r.target.rfind("code:", 0) == 0);
      });
    case 5:
      return Check(
          server::ParseCreatePackageRequest(body), [](const server::CreatePackageRequest& r) {
            return OptionalIdInRange(r.unit_id) && r.fiscal_year >= 2000 && r.fiscal_year <= 2100 &&
                   (r.from == "last_year" || r.from == "blank" || r.from == "example");
          });
    case 6:
      return Check(server::ParseRestoreRequest(body),
                   [](const server::RestoreRequest& r) { return IdInRange(r.base_version); });
    case 7:
      return Check(server::ParseDeadlineRequest(body), [](const server::DeadlineRequest& r) {
        return r.date.size() == 10 && r.year >= 2000 && r.year <= 2200 && r.month >= 1 &&
               r.month <= 12 && r.day >= 1 && r.day <= 31;
      });
    case 8:
      return Check(server::ParseTokenRequest(body), [](const server::TokenRequest& r) {
        return !r.name.empty() && r.name.size() <= 100;
      });
    case 9:
      return Check(server::ParseUserRequest(body), [](const server::UserRequest& r) {
        return IdInRange(r.org_id) && !r.login.empty() && !r.name.empty() &&
               (!r.password || (r.password->size() >= 8 && r.password->size() <= 200));
      });
    default:
      // Every parser in turn, so that one input reaches them all.
      bool any = false;
      for (uint8_t i = 0; i < 10; ++i) any = ParseBody(i, body) || any;
      return any;
  }
}

// "a=1&b=2&c" → {a: 1, b: 2, c: ""}.
std::multimap<std::string, std::string> SplitQuery(std::string_view text) {
  std::multimap<std::string, std::string> params;
  while (!text.empty()) {
    const size_t amp = text.find('&');
    const std::string_view pair = text.substr(0, amp);
    const size_t eq = pair.find('=');
    params.emplace(std::string(pair.substr(0, eq)),
                   eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    text.remove_prefix(amp + 1);
  }
  return params;
}

}  // namespace

// `text` cut where its bytes are below 0x10 (so the fuzzer steers the cuts), odd pieces kept
// compressed, even ones stored, as one gzip member; zlib must read back `text`.
void CheckGzipPieces(std::string_view text) {
  server::GzipWriter w;
  std::vector<server::DeflatedPiece> kept;
  size_t from = 0, piece = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && static_cast<unsigned char>(text[i]) >= 0x10) continue;
    const std::string_view part = text.substr(from, i - from);
    if (piece++ % 2 == 1) {
      kept.push_back(server::Deflate(std::string(part), 1 + static_cast<int>(piece % 9)));
      w.Deflated(kept.back());
    } else {
      w.Stored(part);
    }
    from = i;
  }
  const std::string gz = w.Finish();
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) std::abort();
  std::string out(text.size() + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gz.data()));
  z.avail_in = static_cast<uInt>(gz.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = inflate(&z, Z_FINISH);
  const size_t written = out.size() - z.avail_out;
  inflateEnd(&z);
  if (rc != Z_STREAM_END || z.avail_in != 0 || std::string_view(out.data(), written) != text) {
    std::abort();
  }
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);

  const bool accepted = ParseBody(data[0], rest);
  // What nlohmann::json cannot read is never accepted.
  if (accepted && nlohmann::json::parse(rest, nullptr, false).is_discarded()) std::abort();

  Check(server::ParseId(rest),
        [&](int64_t id) { return IdInRange(id) && std::to_string(id) == rest; });

  Check(server::ParseListQuery(SplitQuery(rest)), [](const server::ListQuery& q) {
    return (!q.year || (*q.year >= 2000 && *q.year <= 2100)) && OptionalIdInRange(q.unit) &&
           !q.sort.empty();
  });

  Check(server::SniffEvidence(rest, "fuzz.bin"),
        [](const server::Sniffed& s) { return !s.mime.empty() && !s.ext.empty(); });

  if (server::AcceptsGzip(rest)) {
    const std::string lower = jixiao::AsciiLowered(rest);
    if (lower.find("gzip") == std::string::npos && lower.find('*') == std::string::npos) {
      std::abort();
    }
  }
  CheckGzipPieces(rest);
  return 0;
}
