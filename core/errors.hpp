// One exception hierarchy for the whole library (after nlohmann/json's precise exception types).
//
// Every error carries a stable id ("motiv.rule_error.203", named err::rule_not_a_decimal in the
// catalogue, core/errors/catalogue.def) and says where it is: the file, the JSON pointer or the CSV
// row and column, and for expressions the column inside the formula.
// A loader collects every issue it finds and throws once, so an author fixes a file in one pass.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/errors/catalogue.hpp"

namespace motiv {

// One problem found in a rule file or a data file. Built with named fields, the rest left empty:
//   Issue{.id = err::rule_missing, .file = source, .pointer = "/roles", .message = "..."}
// (every member has a default, so -Wmissing-field-initializers accepts a partial list).
struct Issue {
    std::string id{};        // stable id, e.g. "motiv.rule_error.203" (err::rule_not_a_decimal)
    std::string file{};      // the file (or "<string>") the problem is in
    std::string pointer{};   // JSON pointer ("/roles/hunter/components/1/rate"); empty for CSV
    std::size_t line = 0;  // 1-based line in the file, 0 when unknown
    std::size_t column = 0;// 1-based column in the file (JSON syntax, CSV column index), 0 when unknown
    std::string field{};     // CSV column name, empty for rule files
    std::string person{};    // the person's id for a data row, empty otherwise
    std::string message{};   // what was expected and what was found
    std::string expression{};       // the formula text, when the issue is inside an expression
    std::size_t expr_column = 0;  // 1-based column inside `expression`, 0 when not applicable

    // "[id] file:line:col (pointer) message" plus a caret line under the formula when there is one.
    [[nodiscard]] std::string describe() const;
};

// Base of everything motiv throws on purpose.
class Error : public std::runtime_error {
public:
    Error(std::string id, const std::string& what) : std::runtime_error(what), id_(std::move(id)) {}
    [[nodiscard]] const std::string& id() const noexcept { return id_; }

private:
    std::string id_;
};

// A list of issues thrown together; what() is every issue described, one per line.
class IssueError : public Error {
public:
    explicit IssueError(std::vector<Issue> issues);
    [[nodiscard]] const std::vector<Issue>& issues() const noexcept { return issues_; }

private:
    std::vector<Issue> issues_;
};

// A rule file (or an override of it) is malformed or inconsistent. Ids: motiv.rule_error.NNN.
class RuleError : public IssueError {
public:
    using IssueError::IssueError;
};

// A data row or file (KPIs, CSV) is malformed. Ids: motiv.data_error.NNN.
class DataError : public IssueError {
public:
    using IssueError::IssueError;
};

// A valid scheme could not be evaluated on valid data (division by zero, money overflow).
// Ids: motiv.eval_error.NNN. The message names the person, the rule pointer and the formula.
class EvalError : public Error {
public:
    EvalError(std::string id, const std::string& what, std::string pointer)
        : Error(std::move(id), what), pointer_(std::move(pointer)) {}
    [[nodiscard]] const std::string& pointer() const noexcept { return pointer_; }

private:
    std::string pointer_;
};

// An I/O failure (cannot open, cannot write, refusing to overwrite). Ids: motiv.io_error.NNN.
class IoError : public Error {
public:
    using Error::Error;
};

// Collects issues while a file is read; throw_if_any() throws them all at once.
// At most kMaxIssues are kept (a hostile file of a million errors must not exhaust memory); the
// rest are counted and summed up in one last issue.
inline constexpr std::size_t kMaxIssues = 200;

template <class E>
class IssueCollector {
public:
    void add(Issue issue) {
        if (issues_.size() < kMaxIssues) {
            issues_.push_back(std::move(issue));
            return;
        }
        ++dropped_;
    }
    [[nodiscard]] bool empty() const noexcept { return issues_.empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return issues_.size(); }
    void throw_if_any() {
        if (issues_.empty()) return;
        if (dropped_ > 0) {
            Issue more = issues_.back();
            more.message = "... and " + std::to_string(dropped_) + " more problems (only the first " + std::to_string(kMaxIssues) + " are listed)";
            more.pointer.clear();
            more.line = more.column = more.expr_column = 0;
            more.field.clear();
            more.person.clear();
            more.expression.clear();
            issues_.push_back(std::move(more));
        }
        throw E(std::move(issues_));
    }

private:
    std::vector<Issue> issues_;
    std::size_t dropped_ = 0;
};

}  // namespace motiv
