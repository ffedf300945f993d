/*
 * fuzz_import.c: fuzz target for the whole `ompscale import-hyperfine FILE`
 * (cmd_import): the JSON reader, the shell-like splitting of each recorded
 * command, once's parser, the kernels' checks and, for inputs that get that
 * far, the analysis and the CSV on standard output (sent to /dev/null).  The
 * input goes to a temporary file, since the command reads a path.  Any input
 * must end in status 0, 1 (a run that exited non-zero) or 2 (bad input).
 */
#include <fcntl.h>
#include <unistd.h>

#include "commands.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[] = "/tmp/ompscale-fuzz-import-XXXXXX";
    static int fd = -1;
    if (fd < 0) {
        fd = mkstemp(path);
        fuzz_require(fd >= 0, "mkstemp", path);
        int null = open("/dev/null", O_WRONLY);
        fuzz_require(null >= 0 && dup2(null, STDOUT_FILENO) >= 0, "stdout to /dev/null", NULL);
        close(null);
        unlink(path); /* gone when the process ends; /proc/self/fd keeps it reachable */
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    }
    fuzz_require(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size,
                 "writing the input", path);
    char *argv[] = {path, NULL};
    int status = cmd_import(1, argv);
    fuzz_require(status >= 0 && status <= 2, "the status is 0, 1 or 2", NULL);
    return 0;
}
