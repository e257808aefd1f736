// SPDX-License-Identifier: GPL-2.0-only
/* Addresses as text, the same in text and JSON output. */
#include <stdio.h>

#include "nvctl.h"

const char *mac_str(const uint8_t mac[6], char buf[MAC_STRLEN])
{
	snprintf(buf, MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x",
		 mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return buf;
}

const char *ip4_str(struct in_addr addr, char buf[INET_ADDRSTRLEN])
{
	return inet_ntop(AF_INET, &addr, buf, INET_ADDRSTRLEN);
}
