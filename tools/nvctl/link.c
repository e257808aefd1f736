// SPDX-License-Identifier: GPL-2.0-only
/* nvctl link add|set|del: nvo devices themselves, over rtnetlink. */
#include "nvctl.h"

/*
 * "NAME [local ADDR] [dstport PORT] [learning on|off] [ageing SECONDS]
 * [up|down]", the same for add and set: cfg->set tells what was given.
 */
static int link_parse(int argc, char **argv, struct nvo_link_cfg *cfg,
		      const char **name)
{
	struct arg args[] = {
		{ .kw = "local", .type = ARG_IPV4, .dst = &cfg->local },
		{ .kw = "dstport", .type = ARG_UDP_PORT, .dst = &cfg->dstport },
		{ .kw = "learning", .type = ARG_ON_OFF, .dst = &cfg->learning },
		{ .kw = "ageing", .type = ARG_SECONDS, .dst = &cfg->ageing },
		{ .kw = "up", .type = ARG_FLAG, .dst = &cfg->up, .flag = true,
		  .group = 1 },
		{ .kw = "down", .type = ARG_FLAG, .dst = &cfg->up, .flag = false,
		  .group = 1 },
		{ NULL },
	};
	/* The field of each argument above. */
	static const uint32_t fields[] = {
		NVO_LINK_LOCAL, NVO_LINK_DSTPORT, NVO_LINK_LEARNING,
		NVO_LINK_AGEING, NVO_LINK_UP, NVO_LINK_UP,
	};
	unsigned int i;
	int err;

	*cfg = (struct nvo_link_cfg){ 0 };
	err = parse_cmd(argc, argv, args, name);
	if (err)
		return err;
	for (i = 0; args[i].kw; i++)
		if (args[i].seen)
			cfg->set |= fields[i];
	return 0;
}

static int link_add(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	int err;

	err = link_parse(argc, argv, &cfg, &name);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_add(nvctl_nvo(c), name, &cfg));
}

static int link_set(struct nvctl *c, int argc, char **argv)
{
	struct nvo_link_cfg cfg;
	const char *name;
	int err;

	err = link_parse(argc, argv, &cfg, &name);
	if (err)
		return err;
	if (!cfg.set)
		return usage_error("nothing to change for \"%s\"", name);
	return nvctl_status(c, nvo_link_set(nvctl_nvo(c), name, &cfg));
}

static int link_del(struct nvctl *c, int argc, char **argv)
{
	struct arg args[] = { { NULL } };
	const char *name;
	int err;

	err = parse_cmd(argc, argv, args, &name);
	if (err)
		return err;
	return nvctl_status(c, nvo_link_del(nvctl_nvo(c), name));
}

const struct cmd link_cmds[] = {
	{ "add", link_add },
	{ "set", link_set },
	{ "del", link_del },
	{ NULL, NULL },
};
