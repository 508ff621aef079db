package io.descopefilter.cluster;

/**
 * The cluster scenarios with {@code store=jcache} on Hazelcast: each node embeds a Hazelcast member, the three
 * members form one cluster over TCP/IP on 127.0.0.1. Killing a node (the last scenario) also kills a member: the
 * others keep its data from their backups.
 */
class JCacheClusterTest extends ClusterScenarios {

    private final SharedStoreSetup.JCacheHazelcast hazelcast = new SharedStoreSetup.JCacheHazelcast();

    @Override
    SharedStoreSetup store() {
        return hazelcast;
    }
}
