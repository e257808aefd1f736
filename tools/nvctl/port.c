// SPDX-License-Identifier: GPL-2.0-only
/* nvctl port add|del|show: local devices attached to a VNI. */
#include <stdio.h>

#include "nvctl.h"

static int port_add(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	uint32_t vni = 0, id = 0;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ .kw = "vni", .type = ARG_VNI, .dst = &vni, .required = true },
		{ .kw = "id", .type = ARG_U32, .dst = &id },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_add(nvctl_nvo(c), dev, port, vni, id));
}

static int port_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev, *port = NULL;
	struct arg args[] = {
		{ .kw = "dev", .type = ARG_IFNAME, .dst = &port,
		  .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_port_del(nvctl_nvo(c), dev, port));
}

/* The id only when there is one, as "port add" takes it. */
static void port_item(struct json *j, const void *item,
		      const void *ctx NVCTL_UNUSED)
{
	const struct nvo_port_info *p = item;
	char name[IFNAME_STRLEN];

	if (!j) {
		printf("dev %s vni %u", ifname_str(p->port_ifname, name),
		       p->vni);
		if (p->id)
			printf(" id %u", p->id);
		putchar('\n');
		return;
	}
	json_object_open(j, NULL);
	json_string(j, "ifname", p->port_ifname);
	json_uint(j, "vni", p->vni);
	json_uint(j, "id", p->id);
	json_object_close(j);
}

static int port_show(struct nvctl *c, int argc, char **argv)
{
	return show_table(c, argc, argv, sizeof(struct nvo_port_info),
			  load_ports, port_item);
}

const struct cmd port_cmds[] = {
	{ "add", port_add },
	{ "del", port_del },
	{ "show", port_show },
	{ NULL, NULL },
};
