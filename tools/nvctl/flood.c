// SPDX-License-Identifier: GPL-2.0-only
/* nvctl flood add|del|show: remote VTEPs that get a VNI's broadcasts. */
#include <stdio.h>

#include "nvctl.h"

static int flood_change(struct nvctl *c, int argc, char **argv, bool add)
{
	struct nvo_addr remote = { 0 };
	struct nvo *h;
	const char *dev;
	uint32_t vni = 0;
	struct arg args[] = {
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "remote", .type = ARG_ADDR, .dst = &remote,
		  .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	h = nvctl_nvo(c);
	return nvctl_status(c, add ? nvo_flood_add(h, dev, vni, &remote) :
				     nvo_flood_del(h, dev, vni, &remote));
}

static int flood_add(struct nvctl *c, int argc, char **argv)
{
	return flood_change(c, argc, argv, true);
}

static int flood_del(struct nvctl *c, int argc, char **argv)
{
	return flood_change(c, argc, argv, false);
}

static void flood_item(struct json *j, const void *item,
		       const void *ctx NVCTL_UNUSED)
{
	const struct nvo_flood_info *f = item;
	char addr[INET6_ADDRSTRLEN];

	if (!j) {
		printf("vni %u remote %s\n", f->vni, addr_str(&f->remote, addr));
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "vni", f->vni);
	json_string(j, "remote", addr_str(&f->remote, addr));
	json_object_close(j);
}

static int flood_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_flood_info),
			  load_flood, flood_item);
}

const struct cmd flood_cmds[] = {
	{ "add", flood_add },
	{ "del", flood_del },
	{ "show", flood_show },
	{ NULL, NULL },
};
