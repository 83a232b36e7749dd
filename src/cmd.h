/*
 * The commands.  Each takes its own argv (argv[0] is the command name) and
 * returns an enum exit_code.
 */
#ifndef SSLSIFT_CMD_H
#define SSLSIFT_CMD_H

#include "cli.h"

extern const struct cli_command cmd_scan_def;
extern const struct cli_command cmd_dump_def;
extern const struct cli_command cmd_rules_def;
extern const struct cli_command cmd_explain_def;
extern const struct cli_command cmd_summary_def;
extern const struct cli_command cmd_test_def;

#endif /* SSLSIFT_CMD_H */
