package io.descopefilter.cluster;

/**
 * The cluster scenarios with {@code store=jcache} on Hazelcast, client and server: two Hazelcast members in JVMs
 * of their own, each node a Hazelcast client of them through JCache's client provider. Unlike the embedded
 * members of {@link JCacheClusterTest}, this store can go away while the nodes run.
 */
class JCacheClientClusterTest extends StoreOutageScenarios {

    private final SharedStoreSetup.JCacheHazelcastClient hazelcast = new SharedStoreSetup.JCacheHazelcastClient();

    @Override
    SharedStoreSetup store() {
        return hazelcast;
    }

    @Override
    void storeGoesAway() {
        hazelcast.kill();
    }

    @Override
    void storeComesBack() {
        hazelcast.startAgain();
    }
}
