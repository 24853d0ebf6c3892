# cmake -DIN=table.bin -DOUT=table.cc -P embed_table.cmake: the GBK table as
# a C++ array (sealcheck/builtin_tables.h).
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE "${OUT}" "#include \"sealcheck/builtin_tables.h\"\nnamespace sealcheck {\nnamespace {\nconst std::uint8_t kGbk[] = {${bytes}};\n}\nstd::span<const std::uint8_t> builtin_gbk_table() { return kGbk; }\n}  // namespace sealcheck\n")
