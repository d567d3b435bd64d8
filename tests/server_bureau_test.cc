// The bureau's side of the server over real HTTP, on SQLite and on PostgreSQL: the year's
// dashboard (every unit as the viewer may see it, lateness judged on the first submission,
// explained risk, filters and sorting, CSV and an XLSX read back by openpyxl), publishing, the
// public site (nothing unpublished reachable) and the open data validated against the Fiscal
// Data Package profile with python3-jsonschema.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/cli_run.h"
#include "tests/server_fixture.h"
#include "tests/test_support.h"

namespace jixiao::testing {
namespace {

using nlohmann::json;

constexpr int64_t kDayMs = 24 * 3600 * 1000;

class BureauTest : public ::testing::TestWithParam<DbKind> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam());
    JX_REQUIRE_DATABASE(*db_);
    server_ = std::make_unique<TestServer>(db_->url());
    ASSERT_TRUE(server_->error().empty()) << server_->error();
    kx_ = server_->PackageId("科学技术协会", 2024);
    museum_ = server_->PackageId("科技馆", 2024);
    centre_ = server_->PackageId("科普服务中心", 2023);
    ASSERT_GT(kx_, 0);
    ASSERT_GT(museum_, 0);
    ASSERT_GT(centre_, 0);
  }
  static std::string P(int64_t id, const std::string& tail = "") {
    return "/api/v1/packages/" + std::to_string(id) + tail;
  }
  // The dashboard's entry of the unit whose name contains `word`.
  static json Unit(const json& dashboard, const std::string& word) {
    for (const json& u : dashboard["units"]) {
      if (u["unit"].get<std::string>().find(word) != std::string::npos) return u;
    }
    return json();
  }
  static std::vector<std::string> Names(const json& dashboard) {
    std::vector<std::string> out;
    for (const json& u : dashboard["units"]) out.push_back(u["unit"]);
    return out;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<TestServer> server_;
  int64_t kx_ = 0, museum_ = 0, centre_ = 0;
};

TEST_P(BureauTest, TheDashboardShowsEveryUnitAsTheViewerMaySeeIt) {
  Session bureau = server_->Login("bureau");
  Session reviewer = server_->Login("dept-reviewer");
  Session clerk = server_->Login("kx-clerk");
  Reply r = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau);
  ASSERT_EQ(r.status, 200) << r.body;
  const json d = r.json();
  EXPECT_EQ(d["fiscal_year"], 2024);
  EXPECT_EQ(d["deadline"], "2025-07-31");
  ASSERT_EQ(d["units"].size(), 3u);
  EXPECT_EQ(d["counts"]["total"], 3);
  // The draft is the unit's alone: 未提交, no figures, no link.
  const json kx = Unit(d, "科学技术协会");
  EXPECT_EQ(kx["status"], "not_submitted");
  EXPECT_EQ(kx["status_name"], "未提交");
  EXPECT_FALSE(kx.contains("package_id"));
  EXPECT_FALSE(kx.contains("total"));
  // The submitted package with its figures and its explained risk.
  const json museum = Unit(d, "科技馆");
  EXPECT_EQ(museum["status"], "submitted");
  EXPECT_EQ(museum["package_id"], museum_);
  EXPECT_EQ(museum["total"], "99.8");
  EXPECT_EQ(museum["execution_rate"], "98.25");
  EXPECT_FALSE(museum["late"]);
  EXPECT_TRUE(museum["signals"].is_array());
  Decimal sum = Decimal::FromInt(0);
  for (const json& s : museum["signals"]) {
    EXPECT_FALSE(s["evidence"].get<std::string>().empty()) << s;
    sum = sum + *Decimal::Parse(s["weight"].get<std::string>());
  }
  EXPECT_EQ(sum.Normalized().ToString(), museum["risk"]);
  // The unit with no 2024 package yet.
  EXPECT_EQ(Unit(d, "科普服务中心")["status"], "not_started");

  // The 主管部门 sees its units the same way; a unit has no dashboard.
  Reply mine = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &reviewer);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(mine.json()["units"].size(), 3u);
  EXPECT_EQ(server_->Send("GET", "/api/v1/years/2024/dashboard", "", &clerk).status, 403);
  EXPECT_EQ(server_->Send("GET", "/dashboard", "", &clerk).status, 404);
  Reply page = server_->Send("GET", "/dashboard?year=2024", "", &bureau);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("2024 年度汇总"), std::string::npos);
  EXPECT_NE(page.body.find("/packages/" + std::to_string(museum_)), std::string::npos);
  EXPECT_EQ(page.body.find("/packages/" + std::to_string(kx_) + "\""), std::string::npos);
  // Without a year the page opens on the latest year with packages.
  EXPECT_NE(server_->Send("GET", "/dashboard", "", &bureau).body.find("2024 年度汇总"),
            std::string::npos);

  // Filters and order.
  json by_name = server_->Send("GET", "/api/v1/years/2024/dashboard?sort=unit", "", &bureau).json();
  std::vector<std::string> names = Names(by_name);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  json submitted =
      server_->Send("GET", "/api/v1/years/2024/dashboard?status=submitted", "", &bureau).json();
  EXPECT_EQ(Names(submitted), std::vector<std::string>{"永州市零陵区科技馆"});
  json found = server_->Send("GET", "/api/v1/years/2024/dashboard?q=%E7%A7%91%E5%8D%8F", "",
                             &bureau)
                   .json();  // q=科协: no unit's full name contains it
  EXPECT_TRUE(found["units"].empty());
  Reply bad = server_->Send("GET", "/api/v1/years/2024/dashboard?sort=size", "", &bureau);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("sort"), std::string::npos);
  EXPECT_EQ(server_->Send("GET", "/dashboard?status=lost", "", &bureau).status, 400);

  // The comparisons: the year's distribution with its charts, a unit across its years.
  Reply compare = server_->Send("GET", "/compare/years/2024", "", &bureau);
  ASSERT_EQ(compare.status, 200);
  EXPECT_NE(compare.body.find("单位间比较"), std::string::npos);
  Reply png = server_->Send("GET", "/compare/years/2024/charts/totals.png", "", &bureau);
  ASSERT_EQ(png.status, 200);
  EXPECT_EQ(png.body.rfind("\x89PNG", 0), 0u);
  Reply years =
      server_->Send("GET", "/packages/" + std::to_string(museum_) + "/compare", "", &bureau);
  ASSERT_EQ(years.status, 200);
  EXPECT_NE(years.body.find("积极开展各类科普活动"), std::string::npos);
  EXPECT_EQ(server_->Send("GET", "/compare/years/2024", "", &clerk).status, 404);
}

TEST_P(BureauTest, LatenessIsJudgedOnTheFirstSubmission) {
  // Past the deadline (2025-07-31) with the draft not submitted (sessions last 12 hours: log
  // in after the clock moved).
  server_->Advance(40 * kDayMs);  // 2025-08-12 07:46 北京时间
  Session bureau = server_->Login("bureau");
  Session head = server_->Login("kx-head");
  Session reviewer = server_->Login("dept-reviewer");
  json d = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json();
  EXPECT_EQ(Unit(d, "科学技术协会")["late_text"], "逾期未提交");
  EXPECT_EQ(Unit(d, "科普服务中心")["late_text"], "逾期未提交");
  EXPECT_FALSE(Unit(d, "科技馆")["late"]);
  EXPECT_EQ(d["counts"]["late"], 2);
  json late = server_->Send("GET", "/api/v1/years/2024/dashboard?status=late", "", &bureau).json();
  EXPECT_EQ(late["units"].size(), 2u);
  // Submitted twelve days late (on 08-12): the late signal carries the dates.
  ASSERT_EQ(server_->Json("POST", P(kx_, "/submit"), json::object(), &head).status, 200);
  d = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json();
  json kx = Unit(d, "科学技术协会");
  EXPECT_EQ(kx["status"], "submitted");
  EXPECT_EQ(kx["late_text"], "逾期 12 天提交");
  bool has_late = false;
  for (const json& s : kx["signals"]) {
    if (s["key"] == "late") {
      has_late = true;
      EXPECT_NE(s["evidence"].get<std::string>().find("2025-07-31"), std::string::npos);
    }
  }
  EXPECT_TRUE(has_late) << kx;
  const std::string first = kx["first_submitted"];
  // Returned and submitted again later: still judged on the first submission.
  ASSERT_EQ(
      server_->Json("POST", P(kx_, "/return"), {{"comment", "请补充佐证材料。"}}, &reviewer).status,
      200);
  server_->Advance(3 * 3600 * 1000);
  ASSERT_EQ(server_->Json("POST", P(kx_, "/submit"), json::object(), &head).status, 200);
  kx = Unit(server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json(),
            "科学技术协会");
  EXPECT_EQ(kx["first_submitted"], first);
  EXPECT_EQ(kx["late_text"], "逾期 12 天提交");
  // The riskiest first by default.
  d = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json();
  Decimal previous = *Decimal::Parse(d["units"][0]["risk"].get<std::string>());
  for (const json& u : d["units"]) {
    const Decimal risk = *Decimal::Parse(u["risk"].get<std::string>());
    EXPECT_LE(risk, previous) << u;
    previous = risk;
  }
}

TEST_P(BureauTest, TheDashboardExportsAsCsvAndAWorkbookOthersRead) {
  Session bureau = server_->Login("bureau");
  Reply csv =
      server_->Send("GET", "/api/v1/years/2024/dashboard?format=csv&sort=unit", "", &bureau);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF单位,单位编码,主管部门,状态,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("永州市零陵区科技馆,,永州市零陵区科学技术局（主管部门）,已提交,"),
            std::string::npos)
      << csv.body;
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 4);
  Reply xlsx =
      server_->Send("GET", "/api/v1/years/2024/dashboard?format=xlsx&sort=unit", "", &bureau);
  ASSERT_EQ(xlsx.status, 200);
  ASSERT_EQ(xlsx.body.rfind("PK", 0), 0u);
  TempFolder dir;
  dir.Put("d.xlsx", xlsx.body);
  bool ok = false;
  const std::string read = Capture(
      "/usr/bin/python3 -c 'import openpyxl,sys; wb = openpyxl.load_workbook(sys.argv[1]); "
      "print(wb.sheetnames); s = wb[\"汇总\"]; print(s[\"A2\"].value); "
      "rows = [[c.value for c in r] for r in s.iter_rows(min_row=3)]; "
      "print([(r[0], r[3], r[6]) for r in rows])' '" +
          (dir / "d.xlsx") + "' 2>/dev/null",
      &ok);
  if (!ok) GTEST_SKIP() << "python3-openpyxl is absent under /usr/bin/python3";
  EXPECT_EQ(read,
            "['汇总', '风险信号']\n单位\n[('永州市零陵区科学技术协会', '未提交', None), "
            "('永州市零陵区科技馆', '已提交', 99.8), ('永州市零陵区科普服务中心', '未开始', "
            "None)]\n");
}

TEST_P(BureauTest, PublishingPutsTheAcceptedVersionOnThePublicSite) {
  Session bureau = server_->Login("bureau");
  Session reviewer = server_->Login("dept-reviewer");
  const std::string centre_page = "/public/packages/" + std::to_string(centre_);
  // Nothing is public before the bureau publishes: every address answers 404.
  EXPECT_EQ(server_->Send("GET", centre_page).status, 404);
  EXPECT_EQ(server_->Send("GET", centre_page + "/documents/pdf").status, 404);
  EXPECT_EQ(server_->Send("GET", "/public/packages/" + std::to_string(museum_)).status, 404);
  EXPECT_EQ(server_->Send("GET", "/public").body.find("2023"), std::string::npos);
  // Only the bureau publishes, and only an accepted package.
  EXPECT_EQ(server_->Json("POST", P(centre_, "/publish"), json::object(), &reviewer).status, 403);
  EXPECT_EQ(server_->Json("POST", P(museum_, "/publish"), json::object(), &bureau).status, 409);
  Reply published = server_->Json("POST", P(centre_, "/publish"), json::object(), &bureau);
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(published.json()["status"], "published");

  // Without logging in.
  Reply home = server_->Send("GET", "/public");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("2023 年度"), std::string::npos);
  Reply year = server_->Send("GET", "/public/1/2023");
  ASSERT_EQ(year.status, 200);
  EXPECT_NE(year.body.find("永州市零陵区科普服务中心"), std::string::npos);
  Reply page = server_->Send("GET", centre_page);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("自评得分 99.8"), std::string::npos);
  Reply html = server_->Send("GET", centre_page + "/documents/html");
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("整体支出绩效自评"), std::string::npos);
  EXPECT_EQ(html.body.find("<script"), std::string::npos);
  Reply pdf = server_->Send("GET", centre_page + "/documents/pdf");
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  EXPECT_EQ(server_->Send("GET", centre_page + "/documents/json").status, 404);
  // The submitted one stays unreachable.
  EXPECT_EQ(server_->Send("GET", "/public/packages/" + std::to_string(museum_) + "/documents/html")
                .status,
            404);

  // Open data: the descriptor and the tables, validated by software we did not write.
  TempFolder dir;
  for (const char* file : {"datapackage.json", "amounts.csv", "scores.csv"}) {
    Reply r = server_->Send("GET", std::string("/public/1/2023/") + file);
    ASSERT_EQ(r.status, 200) << file;
    dir.Put(file, r.body);
  }
  const std::string amounts = ReadWhole(dir.path() / "amounts.csv");
  EXPECT_NE(amounts.find(",total,年度资金总额,自评表,"), std::string::npos) << amounts;
  EXPECT_NE(amounts.find(",three_public,三公经费,基础数据表,"), std::string::npos) << amounts;
  EXPECT_NE(ReadWhole(dir.path() / "scores.csv").find(",98.25,99.8,"), std::string::npos);
  const json dp = json::parse(ReadWhole(dir.path() / "datapackage.json"));
  EXPECT_EQ(dp["profile"], "tabular-data-package");
  EXPECT_EQ(dp["model"]["measures"]["executed"]["phase"], "executed");
  EXPECT_EQ(dp["model"]["measures"]["approved"]["factor"], 10000);
  const std::string profile =
      SourceDir() + "/node_modules/datapackage/lib/profiles/fiscal-data-package.json";
  if (std::filesystem::exists(profile)) {
    bool ok = false;
    const std::string out =
        Capture("/usr/bin/python3 '" + SourceDir() + "/tests/open_data_validate.py' '" +
                    dir.path().string() + "' '" + profile + "' 2>&1",
                &ok);
    EXPECT_TRUE(ok) << out;
    EXPECT_EQ(out, "ok\n");
  } else {
    ADD_FAILURE() << "the Fiscal Data Package profile is missing (" << profile
                  << "): run scripts/install-deps.sh (npm ci)";
  }

  // Taken off again: 404 everywhere, and the year's data is empty.
  ASSERT_EQ(server_->Json("POST", P(centre_, "/unpublish"), json::object(), &bureau).status, 200);
  EXPECT_EQ(server_->Send("GET", centre_page).status, 404);
  EXPECT_EQ(server_->Send("GET", centre_page + "/documents/pdf").status, 404);
  EXPECT_EQ(server_->Send("GET", "/public/1/2023/scores.csv").body.find("科普服务中心"),
            std::string::npos);
}

TEST_P(BureauTest, TheSampleIsDrawnOnceWithItsSeedAndReScoredLineByLine) {
  Session bureau = server_->Login("bureau");
  Session reviewer = server_->Login("dept-reviewer");
  const std::string sample = "/api/v1/years/2024/sample";
  EXPECT_EQ(server_->Send("GET", sample, "", &bureau).status, 404);
  EXPECT_EQ(server_->Json("POST", sample, {{"size", 1}}, &reviewer).status, 403);
  EXPECT_EQ(server_->Json("POST", sample, {{"size", 0}}, &bureau).status, 400);
  Reply drawn = server_->Json("POST", sample, {{"size", 2}, {"seed", 7}}, &bureau);
  ASSERT_EQ(drawn.status, 201) << drawn.body;
  // Only 科技馆's package has left its unit: one entry, by risk, with its reasons.
  const json s = drawn.json();
  EXPECT_EQ(s["seed"], 7);
  ASSERT_EQ(s["entries"].size(), 1u);
  EXPECT_EQ(s["entries"][0]["package_id"], museum_);
  EXPECT_TRUE(s["entries"][0]["by_risk"]);
  EXPECT_NE(s["entries"][0]["reason"].get<std::string>().find("风险排名第 1"), std::string::npos);
  EXPECT_EQ(server_->Send("GET", sample, "", &bureau).json(), s);
  EXPECT_EQ(server_->Json("POST", sample, {{"size", 2}}, &bureau).status, 409);  // drawn once
  EXPECT_NE(server_->Send("GET", "/sample?year=2024", "", &bureau).body.find("随机种子"),
            std::string::npos);

  // Re-scoring 科技馆: every line beside the self score.
  const std::string spot = P(museum_, "/spot-check");
  EXPECT_EQ(server_->Send("GET", spot, "", &reviewer).status, 403);
  Reply lines = server_->Send("GET", spot, "", &bureau);
  ASSERT_EQ(lines.status, 200) << lines.body;
  const json check = lines.json();
  ASSERT_GT(check["lines"].size(), 10u);
  EXPECT_EQ(check["lines"][0]["name"], "预算执行率");
  EXPECT_EQ(check["scored"], 0);
  EXPECT_EQ(check["spot_total"], "");
  // The reviewer agrees everywhere but on one indicator, taken down by two points.
  json scores = json::array();
  std::string lowered;
  Decimal expected = Decimal::FromInt(0);
  for (const json& l : check["lines"]) {
    Decimal self = *Decimal::Parse(l["self"].get<std::string>());
    json entry = {{"pointer", l["pointer"]}, {"score", l["self"]}, {"reason", ""}};
    if (lowered.empty() && l["pointer"] != "/evaluation/funds/score" &&
        self >= Decimal::FromInt(2)) {
      lowered = l["pointer"];
      self = self - Decimal::FromInt(2);
      entry["score"] = self.Normalized().ToString();
    }
    expected = expected + self;
    scores.push_back(entry);
  }
  // A difference without a reason, a score above the weight, a line that is not one: refused.
  Reply no_reason = server_->Json("PUT", spot, {{"scores", scores}}, &bureau);
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_NE(no_reason.body.find("积极开展各类科普活动"), std::string::npos) << no_reason.body;
  EXPECT_EQ(
      server_
          ->Json("PUT", spot, {{"scores", json::array({{{"pointer", lowered}, {"score", "999"}}})}},
                 &bureau)
          .status,
      400);
  EXPECT_EQ(
      server_
          ->Json("PUT", spot,
                 {{"scores", json::array({{{"pointer", "/unit/name"}, {"score", "1"}}})}}, &bureau)
          .status,
      400);
  for (json& e : scores) {
    if (e["pointer"] == lowered) e["reason"] = "佐证材料只覆盖部分活动。";
  }
  Reply saved = server_->Json("PUT", spot, {{"scores", scores}}, &bureau);
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json done = saved.json();
  EXPECT_EQ(done["scored"], check["lines"].size());
  EXPECT_EQ(done["spot_total"], expected.Normalized().ToString());
  EXPECT_EQ(
      done["difference"],
      (expected - *Decimal::Parse(done["self_total"].get<std::string>())).Normalized().ToString());
  EXPECT_FALSE(done["spot_grade"].get<std::string>().empty());
  // The event is in the package's history.
  bool logged = false;
  const Reply events = server_->Send("GET", P(museum_, "/events"), "", &bureau);
  const json history = events.json();
  for (const json& e : history["events"]) logged = logged || e["action"] == "spot_check";
  EXPECT_TRUE(logged) << events.body;

  // The 抽评结果 document, read by python-docx; the PDF starts as one.
  Reply docx = server_->Send("GET", spot + "/documents/docx", "", &bureau);
  ASSERT_EQ(docx.status, 200) << docx.body;
  TempFolder dir;
  dir.Put("spot.docx", docx.body);
  bool ok = false;
  const std::string read = Capture(
      "/usr/bin/python3 -c 'import docx,sys; d = docx.Document(sys.argv[1]); t = d.tables[0]; "
      "print([c.text for c in t.rows[0].cells]); print(t.rows[-1].cells[4].text)' '" +
          (dir / "spot.docx") + "' 2>/dev/null",
      &ok);
  if (ok) {
    EXPECT_EQ(read, "['序号', '评价内容', '分值', '自评得分', '抽评得分', '差异', '扣分理由']\n" +
                        expected.Normalized().ToString() + "\n");
  } else {
    ADD_FAILURE() << "python3-docx could not read the 抽评 document";
  }
  Reply pdf = server_->Send("GET", spot + "/documents/pdf", "", &bureau);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.body.rfind("%PDF", 0), 0u);
  // A package outside the sample: 409 for the bureau.
  Session head = server_->Login("kx-head");
  ASSERT_EQ(server_->Json("POST", P(kx_, "/submit"), json::object(), &head).status, 200);
  EXPECT_EQ(server_->Send("GET", P(kx_, "/spot-check"), "", &bureau).status, 409);
}

TEST_P(BureauTest, RectificationGoesFromNoticeToAnswerToClosedAndCarriesIntoNextYear) {
  Session bureau = server_->Login("bureau");
  Session reviewer = server_->Login("dept-reviewer");
  Session clerk = server_->Login("unit2-clerk");
  const std::string items = P(museum_, "/rectifications");
  EXPECT_EQ(
      server_
          ->Json("POST", items, {{"what", "x"}, {"why", "y"}, {"due_date", "2025-9-1"}}, &reviewer)
          .status,
      400);
  Reply opened = server_->Json("POST", items,
                               {{"what", "补齐三项定性指标的佐证材料"},
                                {"why", "定性指标满分而无佐证（P910）"},
                                {"due_date", "2025-09-30"},
                                {"target", "/evaluation/funds/executed"}},
                               &reviewer);
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_EQ(opened.json()["status"], "open");
  const std::string notes =
      items + "/" + std::to_string(opened.json()["id"].get<int64_t>()) + "/notes";
  // The dashboard counts it against the unit.
  json d = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json();
  EXPECT_EQ(Unit(d, "科技馆")["open_rectifications"], 1);
  // The reviewer cannot answer for the unit; the unit cannot close it.
  EXPECT_EQ(server_->Json("POST", notes, {{"kind", "answer"}, {"body", "好"}}, &reviewer).status,
            403);
  EXPECT_EQ(server_->Json("POST", notes, {{"kind", "close"}, {"body", "好"}}, &clerk).status, 403);
  Reply answered = server_->Json("POST", notes,
                                 {{"kind", "answer"}, {"body", "已上传活动记录和照片。"}}, &clerk);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "answered");
  Reply reopened = server_->Json("POST", notes,
                                 {{"kind", "reopen"}, {"body", "照片不能证明受众人数。"}}, &bureau);
  ASSERT_EQ(reopened.status, 200);
  EXPECT_EQ(reopened.json()["status"], "open");
  EXPECT_EQ(reopened.json()["notes"].size(), 2u);
  // The editor page (which reads the unit's items with the session) shows the item and its two
  // notes in order; the API's list of the package's items gives the same notes.
  const std::string page =
      server_->Send("GET", "/packages/" + std::to_string(museum_), "", &clerk).body;
  const size_t what = page.find("补齐三项定性指标的佐证材料");
  const size_t answer = page.find("已上传活动记录和照片。");
  const size_t reopen = page.find("照片不能证明受众人数。");
  ASSERT_NE(what, std::string::npos);
  ASSERT_NE(answer, std::string::npos);
  ASSERT_NE(reopen, std::string::npos);
  EXPECT_LT(answer, reopen);
  json listed = server_->Send("GET", items, "", &clerk).json();
  ASSERT_EQ(listed["items"].size(), 1u);
  EXPECT_EQ(listed["items"][0]["notes"].size(), 2u);
  EXPECT_EQ(listed["items"][0]["notes"][1]["body"], "照片不能证明受众人数。");
  // Open items carry into the unit's next package as reminders.
  Reply next = server_->Json("POST", "/api/v1/packages",
                             {{"fiscal_year", 2025}, {"from", "last_year"}}, &clerk);
  ASSERT_EQ(next.status, 201) << next.body;
  const int64_t next_id = next.json()["id"];
  json carried = server_->Send("GET", P(next_id, "/rectifications"), "", &clerk).json();
  ASSERT_EQ(carried["carried"].size(), 1u);
  EXPECT_EQ(carried["carried"][0]["fiscal_year"], 2024);
  EXPECT_NE(server_->Send("GET", "/packages/" + std::to_string(next_id), "", &clerk)
                .body.find("来自 2024 年度"),
            std::string::npos);
  // Closed: no longer carried, no longer counted, and a closed item takes no answer.
  ASSERT_EQ(server_->Json("POST", notes, {{"kind", "close"}, {"body", "已核实，销号。"}}, &reviewer)
                .status,
            200);
  EXPECT_TRUE(
      server_->Send("GET", P(next_id, "/rectifications"), "", &clerk).json()["carried"].empty());
  d = server_->Send("GET", "/api/v1/years/2024/dashboard", "", &bureau).json();
  EXPECT_EQ(Unit(d, "科技馆")["open_rectifications"], 0);
  EXPECT_EQ(server_->Json("POST", notes, {{"kind", "answer"}, {"body", "再补"}}, &clerk).status,
            409);
}

INSTANTIATE_TEST_SUITE_P(Engines, BureauTest, ::testing::Values(DbKind::kSqlite, DbKind::kPostgres),
                         DbKindName);

}  // namespace
}  // namespace jixiao::testing
