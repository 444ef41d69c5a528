#include "apps/export/output_files.hpp"

#include <filesystem>
#include <system_error>

#include "core/errors.hpp"

namespace motiv::exports {

void write_all(const std::vector<OutputFile>& files, io::Overwrite mode) {
    if (mode == io::Overwrite::refuse) {
        for (const auto& f : files) {
            std::error_code ec;
            if (std::filesystem::symlink_status(f.path, ec).type() != std::filesystem::file_type::not_found && !ec)
                throw IoError("motiv.io_error.003", "refusing to overwrite existing file '" + f.path +
                                                        "'; ask to replace it explicitly (--force, or force=True from Python); nothing was written");
        }
    }
    // write_file_atomically checks again, atomically, so a file created meanwhile is not clobbered.
    for (const auto& f : files) io::write_file_atomically(f.path, f.content, mode);
}

}  // namespace motiv::exports
