// Lists as an Excel workbook (see list_workbook.h).
#include "render/list_workbook.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "base/lang.h"

namespace jixiao {
namespace {

class ListWriter {
 public:
  ListWriter(const std::string& path, const std::string& name, const std::string& tmpdir)
      : name_(name) {
    lxw_workbook_options options = {};
    if (!tmpdir.empty()) options.tmpdir = const_cast<char*>(tmpdir.c_str());
    workbook_ = workbook_new_opt(path.c_str(), &options);
  }
  ~ListWriter() {
    if (workbook_ != nullptr) lxw_workbook_free(workbook_);
  }
  ListWriter(const ListWriter&) = delete;
  ListWriter& operator=(const ListWriter&) = delete;

  Status Write(const std::vector<ListSheet>& sheets) {
    if (workbook_ == nullptr) {
      return Status::IOError(TrF("无法写出 {}：libxlsxwriter 无法新建工作簿",
                                 "cannot write {}: libxlsxwriter could not start a workbook",
                                 name_));
    }
    header_ = workbook_add_format(workbook_);
    format_set_bold(header_);
    format_set_text_wrap(header_);
    format_set_bg_color(header_, 0xDDEBF7);
    format_set_border(header_, LXW_BORDER_THIN);
    wrap_ = workbook_add_format(workbook_);
    format_set_text_wrap(wrap_);
    format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    for (const ListSheet& sheet : sheets) {
      lxw_worksheet* ws = workbook_add_worksheet(workbook_, sheet.name.c_str());
      if (ws == nullptr) {
        return Status::InvalidArgument(TrF("无法写出 {}：工作表名“{}”不合 Excel 的规则",
                                           "cannot write {}: \"{}\" is not a valid sheet name",
                                           name_, sheet.name));
      }
      for (size_t c = 0; c < sheet.widths.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        worksheet_set_column(ws, col, col, sheet.widths[c], nullptr);
      }
      lxw_row_t row = 0;
      for (const std::string& line : sheet.caption) Text(ws, row++, 0, line, nullptr);
      const lxw_row_t header_row = row;
      for (size_t c = 0; c < sheet.header.size(); ++c) {
        Text(ws, row, static_cast<lxw_col_t>(c), sheet.header[c], header_);
      }
      ++row;
      for (const std::vector<ListCell>& cells : sheet.rows) {
        for (size_t c = 0; c < cells.size(); ++c)
          Cell(ws, row, static_cast<lxw_col_t>(c), cells[c]);
        ++row;
      }
      if (!sheet.header.empty()) {
        worksheet_freeze_panes(ws, header_row + 1, 0);
        if (row > header_row + 1) {
          worksheet_autofilter(ws, header_row, 0, row - 1,
                               static_cast<lxw_col_t>(sheet.header.size() - 1));
        }
      }
    }
    if (!status_.ok()) return status_;
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) {
      return Status::IOError(
          TrF("无法写出 {}：{}", "cannot write {}: {}", name_, lxw_strerror(error)));
    }
    return Status::Ok();
  }

 private:
  void Note(lxw_error e) {
    if (e != LXW_NO_ERROR && status_.ok()) {
      status_ =
          Status::IOError(TrF("无法写出 {}：{}", "cannot write {}: {}", name_, lxw_strerror(e)));
    }
  }
  void Text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& text,
            lxw_format* format) {
    if (!text.empty()) Note(worksheet_write_string(ws, r, c, text.c_str(), format));
  }
  // An exact decimal is written as the number nearest to it (what a spreadsheet cell holds).
  void Cell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const ListCell& cell) {
    if (cell.number && !cell.text.empty()) {
      double value = 0;
      const char* end = cell.text.data() + cell.text.size();
      const auto [at, ec] = std::from_chars(cell.text.data(), end, value);
      if (ec == std::errc() && at == end) {
        Note(worksheet_write_number(ws, r, c, value, nullptr));
        return;
      }
    }
    Text(ws, r, c, cell.text, cell.wrap ? wrap_ : nullptr);
  }

  std::string name_;
  lxw_workbook* workbook_ = nullptr;
  lxw_format* header_ = nullptr;
  lxw_format* wrap_ = nullptr;
  Status status_ = Status::Ok();
};

}  // namespace

Status WriteListWorkbook(const std::vector<ListSheet>& sheets, const std::string& path) {
  return ListWriter(path, path, "").Write(sheets);
}

Result<std::string> ReadWorkbookInTemporaryFolder(
    const std::string& what_zh, const std::string& what_en,
    const std::function<Status(const std::string& path, const std::string& folder)>& write) {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string folder = (base / "jixiao-xlsx-XXXXXX").string();
  if (::mkdtemp(folder.data()) == nullptr) {
    const int error = errno;
    return Status::IOError(TrF("无法写出{}：无法建立临时文件夹 {}：{}",
                               "cannot write {}: cannot make a temporary folder {}: {}",
                               Tr(what_zh, what_en), folder, std::strerror(error)));
  }
  const std::string path = folder + "/workbook.xlsx";
  std::string bytes;
  Status written = write(path, folder);
  if (written.ok()) {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.is_open() || in.bad()) {
      written =
          Status::IOError(TrF("无法写出{}：无法读回临时文件 {}",
                              "cannot write {}: cannot read back {}", Tr(what_zh, what_en), path));
    }
  }
  std::filesystem::remove_all(folder, ec);
  if (!written.ok()) return written;
  return bytes;
}

Result<std::string> ListWorkbookBytes(const std::vector<ListSheet>& sheets) {
  return ReadWorkbookInTemporaryFolder(
      " Excel 工作簿", "the Excel workbook",
      [&](const std::string& path, const std::string& folder) {
        return ListWriter(path, std::string(Tr("Excel 工作簿", "the Excel workbook")), folder)
            .Write(sheets);
      });
}

}  // namespace jixiao
