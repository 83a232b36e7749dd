/*
 * Exit status of sslsift, defined once.  man/sslsift.1 lists the same codes
 * under EXIT STATUS and a test keeps the two in step.  When several apply,
 * the highest wins: 2 means the report is incomplete, which matters more
 * than findings.
 */
#ifndef SSLSIFT_EXITCODE_H
#define SSLSIFT_EXITCODE_H

enum exit_code {
	EXIT_OK = 0,	   /* no finding at or above --fail-on */
	EXIT_FINDINGS = 1, /* a finding at or above --fail-on */
	EXIT_INPUT = 2, /* an input could not be read (others were analysed) */
	EXIT_USAGE = 3, /* bad option, argument or missing operand */
	EXIT_RULES =
	    4, /* a rule file is invalid or a rules directory missing */
};

#endif /* SSLSIFT_EXITCODE_H */
