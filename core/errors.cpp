#include "core/errors.hpp"

namespace motiv {

std::string Issue::describe() const {
    std::string s = "[" + id + "] " + (file.empty() ? std::string("<input>") : file);
    if (line > 0) {
        s += ":" + std::to_string(line);
        if (column > 0) s += ":" + std::to_string(column);
    }
    if (!pointer.empty()) s += " (" + pointer + ")";
    if (!person.empty() || !field.empty()) {
        s += " (";
        if (line > 0) s += "row " + std::to_string(line);
        if (!field.empty()) s += std::string(line > 0 ? ", " : "") + "column '" + field + "'";
        if (!person.empty()) s += ", person '" + person + "'";
        s += ")";
    }
    s += " " + message;
    if (!expression.empty()) {
        s += "\n    " + expression;
        if (expr_column > 0) s += "\n    " + std::string(expr_column - 1, ' ') + "^";
    }
    return s;
}

namespace {
std::string join_issues(const std::vector<Issue>& issues) {
    std::string s;
    for (const auto& i : issues) {
        if (!s.empty()) s += '\n';
        s += i.describe();
    }
    return s;
}
}  // namespace

IssueError::IssueError(std::vector<Issue> issues)
    : Error(issues.empty() ? std::string("motiv.error") : issues.front().id, join_issues(issues)),
      issues_(std::move(issues)) {}

}  // namespace motiv
