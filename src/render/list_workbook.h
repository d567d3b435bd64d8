// Lists as an Excel workbook: sheets of a header row and rows of cells (text, or an exact
// decimal written as the number nearest to it), with column widths, the header frozen and an
// autofilter over the list. What the bureau's exports are (the dashboard, the open data's
// tables); the official forms have their own writer (xlsx_writer.h).
//
// Safe from any thread (libxlsxwriter keeps no global state).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"

namespace jixiao {

struct ListCell {
  std::string text;
  bool number = false;  // `text` is a decimal ("98.25"): written as a number (text if it is not)
  bool wrap = false;    // long text, wrapped in its cell
  static ListCell Text(std::string t) { return {std::move(t), false, false}; }
  static ListCell Number(std::string t) { return {std::move(t), true, false}; }
  static ListCell Wrapped(std::string t) { return {std::move(t), false, true}; }
};

struct ListSheet {
  std::string name;                  // at most 31 characters, none of []:*?/\ (Excel's rule)
  std::vector<std::string> caption;  // lines above the header (a title, how it was made)
  std::vector<std::string> header;
  std::vector<double> widths;  // in characters, per column; missing ones are left to Excel
  std::vector<std::vector<ListCell>> rows;
};

// Writes the sheets to `path`; IOError naming the path and libxlsxwriter's reason.
Status WriteListWorkbook(const std::vector<ListSheet>& sheets, const std::string& path);

// The same workbook as bytes (written in a private temporary folder removed before returning).
Result<std::string> ListWorkbookBytes(const std::vector<ListSheet>& sheets);

// Runs `write(path, folder)` with a workbook path inside a new private temporary folder
// (mode 0700, also given to libxlsxwriter for its own temporary files), reads the file back
// and removes the folder: libxlsxwriter 1.1.4 (Debian 12) can only write files.
Result<std::string> ReadWorkbookInTemporaryFolder(
    const std::string& what_zh, const std::string& what_en,
    const std::function<Status(const std::string& path, const std::string& folder)>& write);

}  // namespace jixiao
