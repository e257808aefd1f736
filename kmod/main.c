// SPDX-License-Identifier: GPL-2.0
/*
 * nvo: network-virtualization overlay datapath.
 */

#include <linux/module.h>
#include <net/rtnetlink.h>

#include "nvo.h"
#include "netlink.h"

struct workqueue_struct *nvo_wq;

static int __init nvo_init(void)
{
	int err;

	BUILD_BUG_ON(sizeof(struct nvo_skb_cb) > sizeof_field(struct sk_buff, cb));
	/* Deferred frees of VNI tables run here, so that unload can drain
	 * them before the code they call goes away.
	 */
	nvo_wq = alloc_workqueue("nvo", 0, 0);
	if (!nvo_wq)
		return -ENOMEM;

	err = nvo_port_init();
	if (err)
		goto err_wq;

	err = nvo_device_init();
	if (err)
		goto err_port;

	err = nvo_genl_init();
	if (err)
		goto err_device;

	return 0;

err_device:
	nvo_device_exit();
err_port:
	nvo_port_exit();
err_wq:
	destroy_workqueue(nvo_wq);
	return err;
}

static void __exit nvo_exit(void)
{
	nvo_genl_exit();
	nvo_device_exit();
	nvo_port_exit();
	/* RCU callbacks queue the last VNI frees on nvo_wq. */
	rcu_barrier();
	destroy_workqueue(nvo_wq);
}

module_init(nvo_init);
module_exit(nvo_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Network-virtualization overlay datapath (VXLAN)");
MODULE_ALIAS_RTNL_LINK("nvo");
MODULE_ALIAS_GENL_FAMILY(NVO_GENL_NAME);
