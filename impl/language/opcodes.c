/* The names of the opcodes, for the disassembler and error messages. */
#include "opcodes.h"

const char *const r_opcode_names[R_OPCODE_COUNT] = {
#define R_OPCODE_NAME(name) #name,
    R_OPCODES(R_OPCODE_NAME)
#undef R_OPCODE_NAME
};
