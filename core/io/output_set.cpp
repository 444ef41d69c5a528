#include "core/io/output_set.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <system_error>
#include <utility>

#include "core/errors.hpp"

namespace motiv::io {

namespace {

namespace fs = std::filesystem;

constexpr const char* kCannotWrite = "motiv.io_error.002";
constexpr const char* kExists = "motiv.io_error.003";
constexpr const char* kConflict = "motiv.io_error.007";

// std::strerror is not thread-safe; the generic category's message is.
std::string reason(int err) { return std::generic_category().message(err); }

[[noreturn]] void cannot_write(const std::string& path, const std::string& why) {
    throw IoError(kCannotWrite, "cannot write '" + path + "': " + why);
}

[[noreturn]] void target_exists(const std::string& path) {
    throw IoError(kExists, "refusing to overwrite existing file '" + path + "'; ask to replace it explicitly (--force, or force=True from Python); nothing was written");
}

// The pid alone is not unique enough: threads of one process, or a temporary left behind by a
// killed process whose pid was reused.
std::string random_suffix() {
    static std::atomic<std::uint64_t> counter{0};
    std::uint64_t r = counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL;
    r ^= static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
    try {
        std::random_device rd;
        r ^= (static_cast<std::uint64_t>(rd()) << 32) | rd();
    } catch (...) {
        // No entropy source: the counter and the clock still make the name unique in practice,
        // and O_EXCL plus the retry loop make a collision harmless.
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s(16, '0');
    for (auto& c : s) {
        c = kHex[r & 0xF];
        r >>= 4;
    }
    return s;
}

bool write_fully(int fd, std::string_view content) {
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        // Some kernels refuse single writes above 2 GiB; chunk to stay far below.
        const std::size_t want = left < (std::size_t{1} << 30) ? left : (std::size_t{1} << 30);
        const ssize_t n = ::write(fd, p, want);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

// Makes the renames durable. Best effort: the files are already complete and in place, and some
// filesystems refuse fsync on a directory.
void sync_directory(const fs::path& dir) {
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

bool exists_no_follow(const std::string& path, struct stat& st) { return ::lstat(path.c_str(), &st) == 0; }

fs::path directory_of(const fs::path& target) { return target.parent_path().empty() ? fs::path(".") : target.parent_path(); }

// ".<name>.tmp-<pid>-" / ".<name>.bak-<pid>-": below NAME_MAX (255) however long the name is.
std::string prefix(const std::string& name, const char* what) { return "." + name.substr(0, 200) + "." + what + "-"; }

// Removes temporaries and backups of `name` left by a run that was killed: the pid in their name is
// no running process. Another run writing the same file right now keeps its own.
void remove_stale(const fs::path& dir, const std::string& name) {
    std::error_code ec;
    for (const char* what : {"tmp", "bak"}) {
        const std::string p = prefix(name, what);
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const std::string f = it->path().filename().string();
            if (f.size() <= p.size() || f.compare(0, p.size(), p) != 0) continue;
            const long pid = std::strtol(f.c_str() + p.size(), nullptr, 10);
            if (pid <= 0 || pid == ::getpid()) continue;
            if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) ::unlink(it->path().c_str());
        }
    }
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    if (fs::equivalent(a, b, ec) && !ec) return true;
    const auto ca = fs::weakly_canonical(a, ec);
    if (ec) return false;
    const auto cb = fs::weakly_canonical(b, ec);
    return !ec && ca == cb;
}

bool failpoint(std::size_t n) {
    const char* f = std::getenv("MOTIV_FAILPOINT");
    const std::string want = "output_set.publish:" + std::to_string(n);
    return f && want == f;
}

}  // namespace

struct OutputSet::Staged {
    std::string path, tmp, backup;
    int fd = -1;  // open while the file is being staged
    bool existed = false, placed = false;
};

OutputSet::OutputSet(Overwrite mode) : mode_(mode) {}

OutputSet::~OutputSet() {
    for (const auto& s : staged_)
        if (s->fd >= 0) ::close(s->fd);
    if (published_) return;
    for (const auto& s : staged_) ::unlink(s->tmp.c_str());
}

void OutputSet::input(const std::string& path) {
    inputs_.push_back(path);
    for (const auto& s : staged_)
        if (same_file(s->path, path)) throw IoError(kConflict, "refusing to write '" + s->path + "': it is also an input of this run; nothing was written");
}

void OutputSet::add(const std::string& path, std::string_view content) {
    const std::size_t file = open(path);
    append(file, content);
    close(file);
}

std::size_t OutputSet::open(const std::string& path) {
    const fs::path target(path);
    const std::string name = target.filename().string();
    if (name.empty() || name == "." || name == "..") cannot_write(path, "not a file name");
    for (const auto& in : inputs_)
        if (same_file(path, in)) throw IoError(kConflict, "refusing to write '" + path + "': it is also an input of this run ('" + in + "'); nothing was written");
    for (const auto& s : staged_)
        if (same_file(s->path, path)) throw IoError(kConflict, "'" + path + "' is named twice among the outputs of this run; nothing was written");
    const fs::path dir = directory_of(target);
    remove_stale(dir, name);

    // Early check so a refused write costs nothing; link() in publish() is what makes it race-free.
    struct stat old {};
    const bool existed = exists_no_follow(path, old);
    if (existed && mode_ == Overwrite::refuse) target_exists(path);
    if (existed && S_ISDIR(old.st_mode)) cannot_write(path, "it is a directory");

    auto s = std::make_unique<Staged>();
    s->path = path;
    int fd = -1;
    for (int attempt = 0; attempt < 16; ++attempt) {
        s->tmp = (dir / (prefix(name, "tmp") + std::to_string(::getpid()) + "-" + random_suffix())).string();
        fd = ::open(s->tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) break;
    }
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT) cannot_write(path, "directory '" + dir.string() + "' does not exist");
        cannot_write(path, reason(err));
    }
    s->fd = fd;
    staged_.push_back(std::move(s));  // from here the destructor closes and removes the temporary
    // A replaced file keeps its permissions (e.g. a report made private stays private).
    if (existed && S_ISREG(old.st_mode)) ::fchmod(fd, old.st_mode & 07777);
    return staged_.size() - 1;
}

void OutputSet::append(std::size_t file, std::string_view bytes) {
    Staged& s = *staged_.at(file);
    if (s.fd < 0) cannot_write(s.path, "written after it was closed");
    if (!write_fully(s.fd, bytes)) cannot_write(s.path, reason(errno));
}

void OutputSet::close(std::size_t file) {
    Staged& s = *staged_.at(file);
    const int fd = std::exchange(s.fd, -1);
    if (fd < 0) return;
    const bool ok = ::fsync(fd) == 0;
    const int err = errno;
    // close() can report a deferred write error (NFS); on Linux the descriptor is gone even then.
    if (!ok || (::close(fd) != 0 && errno != EINTR)) cannot_write(s.path, reason(ok ? errno : err));
}

void OutputSet::publish() {
    if (published_) return;
    std::size_t n = 0;
    auto undo = [&] {
        for (auto it = staged_.rbegin(); it != staged_.rend(); ++it) {
            Staged& s = **it;
            if (s.placed) {
                if (s.existed) ::rename(s.backup.c_str(), s.path.c_str());
                else ::unlink(s.path.c_str());
            } else if (!s.backup.empty()) {
                ::unlink(s.backup.c_str());
            }
        }
    };
    try {
        for (auto& sp : staged_) {
            Staged& s = *sp;
            if (s.fd >= 0) cannot_write(s.path, "published before it was complete");
            const fs::path target(s.path);
            if (failpoint(++n)) cannot_write(s.path, "failpoint output_set.publish:" + std::to_string(n));
            if (mode_ == Overwrite::replace) {
                // The previous file stays reachable under a backup name until the whole set is in place.
                struct stat old {};
                s.existed = exists_no_follow(s.path, old);
                if (s.existed) {
                    if (S_ISDIR(old.st_mode)) cannot_write(s.path, "it is a directory");
                    s.backup = (directory_of(target) / (prefix(target.filename().string(), "bak") + std::to_string(::getpid()) + "-" + random_suffix())).string();
                    if (::link(s.path.c_str(), s.backup.c_str()) != 0) {
                        const int err = errno;
                        s.backup.clear();
                        cannot_write(s.path, "cannot keep the previous file while replacing it: " + reason(err));
                    }
                }
                if (::rename(s.tmp.c_str(), s.path.c_str()) != 0) cannot_write(s.path, reason(errno));
                s.placed = true;
            } else if (::link(s.tmp.c_str(), s.path.c_str()) == 0) {
                // link() fails with EEXIST instead of replacing: the no-clobber check is atomic.
                s.placed = true;
                ::unlink(s.tmp.c_str());
            } else {
                const int err = errno;
                if (err == EEXIST) target_exists(s.path);
                if (err != EPERM && err != ENOTSUP && err != EOPNOTSUPP && err != ENOSYS && err != EMLINK) cannot_write(s.path, reason(err));
                // A filesystem without hard links (FAT, some network mounts): check, then rename.
                struct stat now {};
                if (exists_no_follow(s.path, now)) target_exists(s.path);
                if (::rename(s.tmp.c_str(), s.path.c_str()) != 0) cannot_write(s.path, reason(errno));
                s.placed = true;
            }
        }
    } catch (...) {
        undo();
        throw;
    }
    published_ = true;
    for (const auto& s : staged_) {
        if (!s->backup.empty()) ::unlink(s->backup.c_str());
        if (!s->placed) ::unlink(s->tmp.c_str());
    }
    for (const auto& s : staged_) sync_directory(directory_of(s->path));
}

}  // namespace motiv::io
