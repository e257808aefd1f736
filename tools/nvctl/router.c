// SPDX-License-Identifier: GPL-2.0-only
/*
 * nvctl router add|del|show: the tenant routers of an nvo device, and
 * "router if", their interfaces (rif.c).
 */
#include <stdio.h>

#include "nvctl.h"

/* "[dev] DEV id N tenant T" */
static int router_add(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint32_t id = 0;
	uint16_t tenant = 0;
	struct arg args[] = {
		{ .kw = "id", .type = ARG_U32, .dst = &id, .required = true },
		{ .kw = "tenant", .type = ARG_U16, .dst = &tenant,
		  .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_router_add(nvctl_nvo(c), dev, id, tenant));
}

/* "[dev] DEV id N" */
static int router_del(struct nvctl *c, int argc, char **argv)
{
	const char *dev;
	uint32_t id = 0;
	struct arg args[] = {
		{ .kw = "id", .type = ARG_U32, .dst = &id, .required = true },
		{ NULL },
	};
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	return nvctl_status(c, nvo_router_del(nvctl_nvo(c), dev, id));
}

/*
 * "router N", the word its interfaces and routes are listed by, then what
 * "router add" gave and how much the router has.
 */
static void router_item(struct json *j, const void *item,
			const void *ctx NVCTL_UNUSED)
{
	const struct nvo_router_info *r = item;

	if (!j) {
		printf("router %u tenant %u interfaces %u routes %u\n", r->id,
		       r->tenant, r->rif_count, r->route_count);
		return;
	}
	json_object_open(j, NULL);
	json_uint(j, "id", r->id);
	json_uint(j, "tenant", r->tenant);
	json_uint(j, "interfaces", r->rif_count);
	json_uint(j, "routes", r->route_count);
	json_object_close(j);
}

/* "[dev] DEV" */
static int router_show(struct nvctl *c, int argc, char **argv)
{
	struct vec v = VEC_INIT(struct nvo_router_info);
	struct arg args[] = { { NULL } };
	const char *dev;
	int err;

	err = parse_cmd(argc, argv, args, &dev);
	if (err)
		return err;
	err = load_routers(c, dev, &v);
	if (!err)
		print_table(c, &v, router_item, NULL);
	vec_free(&v);
	return err;
}

static int router_if(struct nvctl *c, int argc, char **argv)
{
	return run_cmd(c, "router if", rif_cmds, argc, argv);
}

const struct cmd router_cmds[] = {
	{ "add", router_add },
	{ "del", router_del },
	{ "show", router_show },
	{ "if", router_if },
	{ NULL, NULL },
};
