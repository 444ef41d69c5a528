#include "apps/export/output_files.hpp"

#include <filesystem>
#include <system_error>

#include "core/errors.hpp"

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

void write_all(const std::vector<OutputFile>& files, io::Overwrite mode) {
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    check_targets(paths, mode);
    // write_file_atomically checks again, atomically, so a file created meanwhile is not clobbered.
    for (const auto& f : files) io::write_file_atomically(f.path, f.content, mode);
}

}  // namespace motiv::exports
