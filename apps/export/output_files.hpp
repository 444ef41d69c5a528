// Writing a set of export files as one step: all rendered before any is written, every target
// checked before the first write when replacing is not allowed, published all or none.
#pragma once

#include <string>
#include <vector>

#include "core/io/atomic_file.hpp"

namespace motiv::exports {

struct OutputFile {
    std::string path;
    std::string content;
};

// The files as one set (io::OutputSet): all staged, then all published, or none changed. With
// Overwrite::refuse, an existing target stops the whole set before anything is written
// (IoError motiv.io_error.003, naming it). A target that is one of `inputs` (files the run read)
// is refused (motiv.io_error.007).
void write_all(const std::vector<OutputFile>& files, io::Overwrite mode, const std::vector<std::string>& inputs = {});

// With Overwrite::refuse, IoError motiv.io_error.003 naming the first path that exists: the check a
// set of files makes before any work (a streamed export makes it before paying anyone).
void check_targets(const std::vector<std::string>& paths, io::Overwrite mode);

}  // namespace motiv::exports
