// Writing a set of export files as one step: all rendered before any is written, every target
// checked before the first write when replacing is not allowed, each file written atomically.
#pragma once

#include <string>
#include <vector>

#include "core/io/atomic_file.hpp"

namespace motiv::exports {

struct OutputFile {
    std::string path;
    std::string content;
};

// With Overwrite::refuse, an existing target stops the whole set before anything is written
// (IoError motiv.io_error.003, naming it). Then each file goes through io::write_file_atomically;
// a failure there leaves that file's previous content and the files not yet written untouched.
void write_all(const std::vector<OutputFile>& files, io::Overwrite mode);

// With Overwrite::refuse, IoError motiv.io_error.003 naming the first path that exists: the check a
// set of files makes before any work (a streamed export makes it before paying anyone).
void check_targets(const std::vector<std::string>& paths, io::Overwrite mode);

}  // namespace motiv::exports
