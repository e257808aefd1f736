// SPDX-License-Identifier: LGPL-2.1-or-later
/* Handles: one generic netlink and one rtnetlink socket each. */
#include <errno.h>
#include <stdlib.h>
#include <time.h>
#include <linux/netlink.h>

#include "internal.h"

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
	err = nvo_sock_open(&h->genl, NETLINK_GENERIC);
	if (err)
		goto fail;
	err = nvo_sock_open(&h->rtnl, NETLINK_ROUTE);
	if (err)
		goto fail;
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
	nvo_sock_close(&h->genl);
	nvo_sock_close(&h->rtnl);
	free(h->rx);
	free(h);
}
