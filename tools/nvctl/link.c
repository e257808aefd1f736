// SPDX-License-Identifier: GPL-2.0-only
/* nvctl link add|set|del: nvo devices themselves, over rtnetlink. */
#include "nvctl.h"

/*
 * "NAME [local ADDR] [dstport PORT] [learning on|off] [ageing SECONDS]
 * [up|down]", the same for add and set.
 */
static int link_parse(int argc, char **argv, struct nvo_link_cfg *cfg,
		      const char **name, bool *changes)
{
	struct arg args[] = {
		{ .kw = "local", .type = ARG_IPV4, .dst = &cfg->local },
		{ .kw = "dstport", .type = ARG_UDP_PORT, .dst = &cfg->dstport },
		{ .kw = "learning", .type = ARG_ON_OFF, .dst = &cfg->learning },
		{ .kw = "ageing", .type = ARG_SECONDS, .dst = &cfg->ageing },
		{ .kw = "up", .type = ARG_FLAG, .dst = &cfg->up, .flag = 1,
		  .group = 1 },
		{ .kw = "down", .type = ARG_FLAG, .dst = &cfg->up, .flag = 0,
		  .group = 1 },
		{ NULL },
	};
	const struct arg *a;
	int err;

	nvo_link_cfg_init(cfg);
	err = parse_cmd(argc, argv, args, name);
	if (err)
		return err;
	cfg->set_local = arg_seen(args, "local");
	cfg->set_dstport = arg_seen(args, "dstport");
	*changes = false;
	for (a = args; a->kw; a++)
		*changes |= a->seen;
	return 0;
}

static int link_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	bool changes;
	int err;

	err = link_parse(argc, argv, &cfg, &name, &changes);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_add(c->h, name, &cfg));
}

static int link_set(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	bool changes;
	int err;

	err = link_parse(argc, argv, &cfg, &name, &changes);
	if (err)
		return err;
	if (!changes)
		return usage_error("nothing to change for \"%s\"", name);
	return nvctl_status(c, nvo_link_set(c->h, name, &cfg));
}

static int link_del(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	const char *name;
	int err;

	err = parse_cmd(argc, argv, args, &name);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_del(c->h, name));
}

const struct cmd link_cmds[] = {
	{ "add", link_add },
	{ "set", link_set },
	{ "del", link_del },
	{ NULL, NULL },
};
