// `jixiao review`: a finance bureau's review of the packages it has received as files —
// every package read (JSON, or a document through import), checked and scored on every core,
// ranked by explained risk (review/review.h), written as a workbook and a CSV, with a
// reproducible 抽评 sample. A progress line on a terminal; one final line otherwise.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "base/file_io.h"
#include "base/lang.h"
#include "base/text.h"
#include "check/checker.h"
#include "cli/cli.h"
#include "cli/command_support.h"
#include "compute/scoring.h"
#include "import/importer.h"
#include "render/form.h"
#include "review/review.h"
#include "rules/rulebook.h"

namespace jixiao::cli {
namespace {

namespace fs = std::filesystem;

// What a folder given to review contributes: the files import and check can read.
bool IsPackageFile(const fs::path& p) {
  const std::string ext = AsciiLowered(p.extension().string());
  for (const char* e : {".json", ".txt", ".docx", ".xlsx", ".doc", ".xls", ".wps", ".et"})
    if (ext == e) return true;
  return false;
}

// The files named, folders walked (sorted, so the order and the sample do not depend on the
// file system); a name that is neither fails.
Result<std::vector<std::string>> CollectFiles(const std::vector<std::string>& inputs) {
  std::vector<std::string> files;
  for (const std::string& input : inputs) {
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      return Status::IOError(TrF("找不到 {}", "{} does not exist", input));
    }
    if (!fs::is_directory(st)) {
      files.push_back(input);
      continue;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator
             it(input, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec) && IsPackageFile(it->path()))
        found.push_back(it->path().string());
    }
    if (ec)
      return Status::IOError(
          TrF("无法读取文件夹 {}：{}", "cannot read folder {}: {}", input, ec.message()));
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

std::string Seconds(double s) {
  if (s < 60) return TrF("{:.0f} 秒", "{:.0f} s", std::max(s, 0.0));
  return TrF("{:.0f} 分 {:02.0f} 秒", "{:.0f} min {:02.0f} s", std::floor(s / 60),
             std::fmod(s, 60));
}

// "审阅 1,234/10,000 ▕██████░░░░▏ 5,210 个/秒，剩余约 2 秒", redrawn in place.
void DrawProgress(size_t done, size_t total, double elapsed) {
  constexpr int kWidth = 20;
  const int filled = total == 0 ? kWidth : static_cast<int>(kWidth * done / total);
  std::string bar;
  for (int i = 0; i < kWidth; ++i) bar += i < filled ? "█" : "░";
  const double rate = elapsed > 0 ? done / elapsed : 0;
  const std::string left =
      rate > 0 ? Seconds((total - done) / rate) : std::string(Tr("估算中", "estimating"));
  std::cerr << "\r\033[K"
            << TrF("审阅 {}/{} ▕{}▏ {:.0f} 个/秒，剩余约 {}",
                   "reviewed {}/{} ▕{}▏ {:.0f}/s, {} left", done, total, bar, rate, left)
            << std::flush;
}

}  // namespace

int RunReview(const std::vector<std::string>& inputs, const ReviewCommandOptions& o) {
  Result<std::vector<std::string>> files_or = CollectFiles(inputs);
  if (!files_or.ok()) {
    PrintError(files_or.status().message());
    return 2;
  }
  const std::vector<std::string> files = std::move(files_or).value();
  if (files.empty()) {
    PrintError(Tr("没有找到数据包或文档（.json、.txt、.docx、.xlsx …）",
                  "no packages or documents found (.json, .txt, .docx, .xlsx, …)"));
    return 2;
  }
  ReviewOptions review_options;
  if (!o.deadline.empty()) {
    review_options.deadline = ReadReportDate(o.deadline);
    if (!review_options.deadline || review_options.deadline->day == 0) {
      PrintError(TrF("--deadline 应为 年-月-日，例如 2025-06-30（收到“{}”）",
                     "--deadline must be YEAR-MONTH-DAY, e.g. 2025-06-30 (got \"{}\")",
                     o.deadline));
      return 2;
    }
  }
  Options load_options;
  load_options.rulebook = o.rulebook;
  Result<ImportOptions> import_options = CommandImportOptions(load_options);
  if (!import_options.ok()) {
    PrintError(import_options.status().message());
    return 2;
  }
  // A --rulebook that cannot be read stops the run before any package is read.
  if (!o.rulebook.empty()) {
    if (Result<Rulebook> r = ResolveRulebook(o.rulebook); !r.ok()) {
      PrintError(r.status().message());
      return 2;
    }
  }
  RulebookCache rulebooks;

  std::vector<ReviewedPackage> packages(files.size());
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      ReviewedPackage& out = packages[i];
      Loaded loaded;
      std::string error;
      if (!Load(files[i], load_options, *import_options, &rulebooks, &loaded, &error)) {
        out.error = std::move(error);
      } else {
        const ScoreSheet sheet = ScorePackage(loaded.package, *loaded.rulebook);
        std::vector<Diagnostic> found = std::move(loaded.import.notes);
        std::vector<Diagnostic> checked =
            CheckPackage(loaded.package, *loaded.rulebook, sheet, CheckOptions{});
        found.insert(found.end(), std::make_move_iterator(checked.begin()),
                     std::make_move_iterator(checked.end()));
        out = ReviewPackage(loaded.package, *loaded.rulebook, sheet, found, review_options);
      }
      out.file = files[i];
      ++done;
    }
  };
  const unsigned jobs = o.jobs > 0 ? static_cast<unsigned>(o.jobs)
                                   : std::max(1u, std::thread::hardware_concurrency());
  const auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  const bool terminal = isatty(STDERR_FILENO) == 1;
  std::mutex progress_mu;
  std::condition_variable progress_cv;
  bool finished = false;
  std::thread progress;
  if (terminal) {
    progress = std::thread([&] {
      std::unique_lock<std::mutex> lock(progress_mu);
      while (!progress_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return finished; }))
        DrawProgress(done.load(), files.size(), elapsed());
    });
  }
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < std::min<size_t>(jobs, files.size()); ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (terminal) {
    {
      std::lock_guard<std::mutex> lock(progress_mu);
      finished = true;
    }
    progress_cv.notify_all();
    progress.join();
    std::cerr << "\r\033[K" << std::flush;
  }
  const double seconds = elapsed();

  AddYearOverYear(&packages);
  const std::vector<size_t> ranking = RankByRisk(packages);
  std::optional<Sample> sample;
  if (o.sample > 0) {
    uint64_t seed = o.seed;
    if (!o.seed_given) {
      std::random_device device;
      seed = (static_cast<uint64_t>(device()) << 32) ^ device();
    }
    sample = DrawSample(packages, ranking, static_cast<size_t>(o.sample), seed);
  }

  // The workbook at -o, the CSV beside it.
  fs::path xlsx = o.output;
  if (xlsx.extension() != ".xlsx") xlsx += ".xlsx";
  fs::path csv = xlsx;
  csv.replace_extension(".csv");
  if (xlsx.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(xlsx.parent_path(), ec);
    if (ec) {
      PrintError(TrF("无法建立文件夹 {}：{}", "cannot create folder {}: {}",
                     xlsx.parent_path().string(), ec.message()));
      return 2;
    }
  }
  // The two files at once: the CSV is written while libxlsxwriter builds the workbook.
  const Sample* drawn = sample ? &*sample : nullptr;
  Status csv_status = Status::Ok();
  std::thread csv_writer(
      [&] { csv_status = WriteFileAtomically(csv.string(), ReviewCsv(packages, ranking, drawn)); });
  const Status xlsx_status = WriteReviewXlsx(xlsx.string(), packages, ranking, drawn);
  csv_writer.join();
  for (const Status& s : {xlsx_status, csv_status}) {
    if (!s.ok()) {
      PrintError(s.message());
      return 2;
    }
  }

  // What a reviewer reads first: the riskiest packages, then one line.
  size_t unreadable = 0;
  for (const ReviewedPackage& p : packages) unreadable += p.readable() ? 0 : 1;
  const size_t shown = std::min<size_t>(10, packages.size() - unreadable);
  if (shown > 0 && packages[ranking[0]].risk.sign() > 0) {
    std::cout << Tr("风险最高的数据包：\n", "The riskiest packages:\n");
    for (size_t k = 0; k < shown; ++k) {
      const ReviewedPackage& p = packages[ranking[k]];
      if (p.risk.sign() <= 0) break;
      std::cout << fmt::format("  {:>2}. {} {} {}  {} {}\n", k + 1, Tr("风险", "risk"),
                               p.risk.Normalized().ToString(), p.unit_name, p.fiscal_year, p.file);
    }
  }
  if (sample) {
    std::cout << TrF("抽评样本 {} 个（风险排名 {} 个，随机 {} 个），随机种子 {}。\n",
                     "Sample of {} ({} by risk rank, {} at random), seed {}.\n",
                     sample->entries.size(), sample->risk_part,
                     sample->entries.size() - sample->risk_part, sample->seed);
  }
  std::cout << TrF(
      "审阅 {} 个文件（{} 个无法读取），用时 {:.2f} 秒（每秒 {:.0f} 个，{} 个线程）；已写入 "
      "{}、{}。\n",
      "Reviewed {} files ({} unreadable) in {:.2f} s ({:.0f} a second, {} threads); "
      "wrote {} and {}.\n",
      files.size(), unreadable, seconds, seconds > 0 ? files.size() / seconds : 0.0,
      std::min<size_t>(jobs, files.size()), xlsx.string(), csv.string());
  return 0;
}

}  // namespace jixiao::cli
