/*
 * exact.c: decimal text of 128-bit integers (exact.h).
 */
#include "exact.h"

void exact_i128_text(__int128 v, char *buf, size_t len)
{
    char digits[48];
    int k = 0;
    unsigned __int128 mag = v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
                                  : (unsigned __int128)v;
    do {
        digits[k++] = (char)('0' + (int)(mag % 10));
        mag /= 10;
    } while (mag > 0);
    if (v < 0)
        digits[k++] = '-';
    size_t j = 0;
    while (k > 0 && j + 1 < len)
        buf[j++] = digits[--k];
    if (len > 0)
        buf[j] = '\0';
}
