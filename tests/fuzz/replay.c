/*
 * replay.c: a main for the fuzz targets where libFuzzer is not linked (the
 * gcc builds): runs the target once on every file named, or on every file
 * in every directory named, so that the seed corpus and every input a
 * fuzzer once crashed on are replayed by the ordinary test suite (and under
 * ASan/UBSan in the sanitizer build).  Exits 0 after the last input; a
 * broken promise aborts in the target; an unreadable file or an empty list
 * exits 1.
 */
#include <dirent.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Runs the target on one file; 0, or 1 when it cannot be read. */
static int replay_file(const char *path)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 1;
    }
    uint8_t *data = NULL;
    size_t size = 0, cap = 0, got;
    do {
        if (size == cap) {
            cap = cap ? 2 * cap : 4096;
            uint8_t *more = realloc(data, cap);
            fuzz_require(more != NULL, "realloc", path);
            data = more;
        }
        got = fread(data + size, 1, cap - size, in);
        size += got;
    } while (got > 0);
    int bad = ferror(in);
    fclose(in);
    if (!bad)
        LLVMFuzzerTestOneInput(data, size);
    free(data);
    if (bad)
        fprintf(stderr, "replay: cannot read %s\n", path);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    int inputs = 0, status = 0;
    for (int a = 1; a < argc; a++) {
        struct stat st;
        if (stat(argv[a], &st) != 0 || !S_ISDIR(st.st_mode)) {
            status |= replay_file(argv[a]);
            inputs++;
            continue;
        }
        DIR *dir = opendir(argv[a]);
        if (!dir) {
            fprintf(stderr, "replay: cannot read the directory %s\n", argv[a]);
            return 1;
        }
        for (struct dirent *e; (e = readdir(dir));) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", argv[a], e->d_name);
            if (e->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
                status |= replay_file(path);
                inputs++;
            }
        }
        closedir(dir);
    }
    fprintf(stderr, "replayed %d inputs\n", inputs);
    return inputs == 0 ? 1 : status;
}
