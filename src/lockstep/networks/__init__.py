"""Networks: fuse detector edges and findings into an account graph, cluster it (Leiden),
score, name, tag DISARM tactics and describe each network (DESIGN §2, §5)."""

from lockstep.networks.params import NetworkParams
from lockstep.networks.records import NETWORK_SCHEMA, NETWORKS_FILE
from lockstep.networks.stage import NetworkResult, build_networks

__all__ = ["NETWORKS_FILE", "NETWORK_SCHEMA", "NetworkParams", "NetworkResult", "build_networks"]
