#include "apps/export/output_files.hpp"

#include <filesystem>
#include <system_error>

#include "core/errors.hpp"
#include "core/io/output_set.hpp"

namespace motiv::exports {

void check_targets(const std::vector<std::string>& paths, io::Overwrite mode) {
    if (mode != io::Overwrite::refuse) return;
    for (const auto& path : paths) {
        std::error_code ec;
        if (std::filesystem::symlink_status(path, ec).type() != std::filesystem::file_type::not_found && !ec)
            throw IoError("motiv.io_error.003", "refusing to overwrite existing file '" + path +
                                                    "'; ask to replace it explicitly (--force, or force=True from Python); nothing was written");
    }
}

void write_all(const std::vector<OutputFile>& files, io::Overwrite mode, const std::vector<std::string>& inputs) {
    io::OutputSet set(mode);
    for (const auto& in : inputs) set.input(in);
    // Every target checked before the first is staged: a refused set costs no writing.
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    check_targets(paths, mode);
    for (const auto& f : files) set.add(f.path, f.content);
    set.publish();
}

}  // namespace motiv::exports
