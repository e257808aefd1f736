// SPDX-License-Identifier: LGPL-2.1-or-later
/* Handles: one generic netlink and one rtnetlink socket each. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <linux/netlink.h>

#include "internal.h"

/* Its major number is the soname's (Makefile) and libnvo.map's node's. */
#define LIBNVO_VERSION	"0.1.0"

const char *nvo_version(void)
{
	return LIBNVO_VERSION;
}

struct nvo *nvo_open(void)
{
	struct nvo *h;
	int err;

	h = calloc(1, sizeof(*h));
	if (!h)
		return NULL;
	h->rx = malloc(NVO_RX_SIZE);
	if (!h->rx) {
		err = -ENOMEM;
		goto fail;
	}
	err = nvo__sock_open(&h->genl, NETLINK_GENERIC);
	if (err)
		goto fail;
	err = nvo__sock_open(&h->rtnl, NETLINK_ROUTE);
	if (err)
		goto fail;
	h->netns = nvo__netns();
	h->seq = time(NULL);
	return h;

fail:
	nvo_close(h);
	errno = -err;
	return NULL;
}

void nvo_close(struct nvo *h)
{
	if (!h)
		return;
	nvo__sock_close(&h->genl);
	nvo__sock_close(&h->rtnl);
	free(h->rx);
	free(h);
}
