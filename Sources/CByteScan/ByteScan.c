// The functions of this module are static inline, in include/ByteScan.h.
#include "ByteScan.h"
