/*
 * sslsift: find out offline why HTTPS fails on a Windows IIS server, from
 * the files a customer exported.  This file dispatches to the commands.
 */
#include "compat.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "evtx.h"
#include "exitcode.h"
#include "version.h"
#include "xml.h"

static const struct cli_command *const commands[] = {
	&cmd_scan_def,
	&cmd_dump_def,
	&cmd_rules_def,
	&cmd_explain_def,
	&cmd_summary_def,
	&cmd_test_def,
};

static void
usage(FILE *f)
{
	fputs("usage: sslsift [--help] [--version] <command> [options] "
	      "[INPUT...]\n\nCommands:\n",
	    f);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name,
		    commands[i]->summary);
	fputs("\nRun 'sslsift <command> --help' for the options of a "
	      "command.\nAn INPUT is a bundle: a directory, a .zip, .tar or "
	      ".tar.gz archive, a single file, or - for standard input.\n",
	    f);
}

int
main(int argc, char **argv)
{
	int ret;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("sslsift %s\n", SSLSIFT_VERSION);
		/* optional parts, for scripts and tests to ask */
		if (evtx_supported())
			printf("features: evtx (%s)\n", evtx_library());
		else
			printf("features: none (.evtx needs libevtx)\n");
		return EXIT_OK;
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "sslsift: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(argv[1], commands[i]->name) == 0) {
			xml_init();
			ret = commands[i]->run(argc - 1, argv + 1);
			xml_cleanup();
			if (fflush(stdout) != 0 || ferror(stdout)) {
				perror("sslsift: write error");
				ret = ret > EXIT_INPUT ? ret : EXIT_INPUT;
			}
			return ret;
		}
	}
	fprintf(stderr, "sslsift: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
