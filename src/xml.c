#include "compat.h"

#include <libxml/parser.h>

#include "xml.h"

void
xml_init(void)
{
	xmlInitParser();
}

void
xml_cleanup(void)
{
	xmlCleanupParser();
}
