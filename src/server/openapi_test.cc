// The API's documentation against its endpoint table: docs/openapi.json must describe exactly
// the /api/v1 endpoints of server::Endpoints() (each path × method, with its path parameters
// declared), and docs/api.md must name each one as "METHOD /api/v1/…". So an endpoint cannot
// be added, renamed or removed without its documentation following.
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "server/server.h"
#include "tests/test_support.h"

namespace jixiao::server {
namespace {

using nlohmann::json;

constexpr std::string_view kApiPrefix = "/api/v1/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// An endpoint's path as an OpenAPI path template. Endpoints() already writes its parameters
// as OpenAPI does ("{id}", "{n}", "{fmt}", …), so this only checks that every parameter is a
// plain "{name}" and returns the path; a table that ever adopted another syntax (":id",
// "<id>") fails here rather than silently matching nothing.
std::string OpenApiPath(const std::string& path) {
  EXPECT_TRUE(std::regex_match(path, std::regex(R"((/([a-z0-9_.-]+|\{[a-z]+\}))+)")))
      << "an endpoint path the test cannot translate: " << path;
  return path;
}

// The names of the "{…}" parameters of a path template, in order.
std::vector<std::string> PathParameters(const std::string& path) {
  std::vector<std::string> names;
  static const std::regex param(R"(\{([^}]+)\})");
  for (auto it = std::sregex_iterator(path.begin(), path.end(), param);
       it != std::sregex_iterator(); ++it) {
    names.push_back((*it)[1].str());
  }
  return names;
}

std::string Upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

using Route = std::pair<std::string, std::string>;  // method, path

std::set<Route> DocumentedApiEndpoints() {
  std::set<Route> routes;
  for (const Endpoint& e : Endpoints()) {
    if (e.path.rfind(kApiPrefix, 0) == 0) routes.insert({e.method, OpenApiPath(e.path)});
  }
  return routes;
}

json LoadOpenApi() {
  const std::string path = jixiao::testing::SourceDir() + "/docs/openapi.json";
  const std::string text = ReadFile(path);
  EXPECT_FALSE(text.empty()) << "cannot read " << path;
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(doc.is_discarded()) << path << " is not valid JSON";
  return doc;
}

const std::set<std::string> kOperationKeys = {"get",     "put",  "post",  "delete",
                                              "options", "head", "patch", "trace"};

TEST(OpenApiTest, IsAnOpenApi31Document) {
  const json doc = LoadOpenApi();
  ASSERT_TRUE(doc.is_object());
  ASSERT_TRUE(doc.contains("openapi") && doc["openapi"].is_string());
  EXPECT_EQ(doc["openapi"].get<std::string>().rfind("3.1.", 0), 0u) << doc["openapi"];
  ASSERT_TRUE(doc.contains("info") && doc["info"].is_object());
  EXPECT_TRUE(doc["info"].contains("title"));
  EXPECT_TRUE(doc["info"].contains("version"));
  ASSERT_TRUE(doc.contains("paths") && doc["paths"].is_object());
  const json& schemes = doc["components"]["securitySchemes"];
  ASSERT_TRUE(schemes.is_object());
  // The two ways in (docs/api.md, "Authentication").
  ASSERT_TRUE(schemes.contains("session"));
  EXPECT_EQ(schemes["session"]["type"], "apiKey");
  EXPECT_EQ(schemes["session"]["in"], "cookie");
  EXPECT_EQ(schemes["session"]["name"], "jx_session");
  ASSERT_TRUE(schemes.contains("csrf"));
  EXPECT_EQ(schemes["csrf"]["in"], "header");
  EXPECT_EQ(schemes["csrf"]["name"], "X-CSRF-Token");
  ASSERT_TRUE(schemes.contains("bearer"));
  EXPECT_EQ(schemes["bearer"]["type"], "http");
  EXPECT_EQ(schemes["bearer"]["scheme"], "bearer");
}

TEST(OpenApiTest, DescribesExactlyTheApiEndpoints) {
  const json doc = LoadOpenApi();
  ASSERT_TRUE(doc.contains("paths") && doc["paths"].is_object());
  std::set<Route> described;
  for (const auto& [path, item] : doc["paths"].items()) {
    ASSERT_TRUE(item.is_object()) << path;
    for (const auto& [key, operation] : item.items()) {
      if (kOperationKeys.count(key) != 0) described.insert({Upper(key), path});
    }
  }
  const std::set<Route> served = DocumentedApiEndpoints();
  ASSERT_FALSE(served.empty());
  for (const Route& r : served) {
    EXPECT_TRUE(described.count(r) != 0)
        << r.first << " " << r.second << " is served (server::Endpoints()) but not described in "
        << "docs/openapi.json";
  }
  for (const Route& r : described) {
    EXPECT_TRUE(served.count(r) != 0)
        << r.first << " " << r.second << " is described in docs/openapi.json but not served";
  }
}

TEST(OpenApiTest, DeclaresEveryPathParameter) {
  const json doc = LoadOpenApi();
  ASSERT_TRUE(doc.contains("paths") && doc["paths"].is_object());
  for (const auto& [path, item] : doc["paths"].items()) {
    const std::vector<std::string> wanted = PathParameters(path);
    for (const auto& [key, operation] : item.items()) {
      if (kOperationKeys.count(key) == 0) continue;
      std::set<std::string> declared;
      for (const json* list : {&item, &operation}) {
        if (!list->contains("parameters")) continue;
        for (const json& p : (*list)["parameters"]) {
          if (p.value("in", "") == "path") {
            EXPECT_TRUE(p.value("required", false)) << key << " " << path << ": path parameter "
                                                    << p.value("name", "") << " must be required";
            declared.insert(p.value("name", ""));
          }
        }
      }
      EXPECT_EQ(declared, std::set<std::string>(wanted.begin(), wanted.end()))
          << key << " " << path << ": the declared path parameters differ from the template";
      ASSERT_TRUE(operation.contains("responses")) << key << " " << path;
      bool success = false;
      for (const auto& [status, response] : operation["responses"].items()) {
        success = success || (status.size() == 3 && status[0] == '2');
      }
      EXPECT_TRUE(success) << key << " " << path << " documents no 2xx answer";
    }
  }
}

TEST(OpenApiTest, ApiMarkdownNamesEveryEndpoint) {
  const std::string path = jixiao::testing::SourceDir() + "/docs/api.md";
  const std::string text = ReadFile(path);
  ASSERT_FALSE(text.empty()) << "cannot read " << path;
  for (const auto& [method, route] : DocumentedApiEndpoints()) {
    // "`GET /api/v1/packages/{id}`", "`GET /api/v1/packages/{id}/diff?from=A&to=B`": the path
    // followed by something that cannot continue it.
    const std::string needle = method + " " + route;
    bool found = false;
    for (size_t at = text.find(needle); at != std::string::npos && !found;
         at = text.find(needle, at + 1)) {
      const size_t end = at + needle.size();
      const bool starts =
          at == 0 || text[at - 1] == '`' || text[at - 1] == ' ' || text[at - 1] == '\n';
      const bool ends = end == text.size() || text[end] == '`' || text[end] == '?' ||
                        text[end] == ' ' || text[end] == '\n';
      found = starts && ends;
    }
    EXPECT_TRUE(found) << "docs/api.md does not name \"" << needle << "\"";
  }
}

}  // namespace
}  // namespace jixiao::server
