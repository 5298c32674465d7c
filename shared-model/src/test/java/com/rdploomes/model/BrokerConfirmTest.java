package com.rdploomes.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;

class BrokerConfirmTest {

    @Test
    void anAckWithoutAReturnIsConfirmed() {
        CorrelationData correlation = new CorrelationData("1");
        correlation.getFuture().complete(new CorrelationData.Confirm(true, null));
        assertThat(BrokerConfirm.await(correlation, System.nanoTime()).confirmed()).isTrue();
    }

    @Test
    void aNackIsAFailureWithItsReason() {
        CorrelationData correlation = new CorrelationData("1");
        correlation.getFuture().complete(new CorrelationData.Confirm(false, "queue full"));
        BrokerConfirm confirm = BrokerConfirm.await(correlation, System.nanoTime());
        assertThat(confirm.outcome()).isEqualTo(BrokerConfirm.Outcome.NACKED);
        assertThat(confirm.detail()).contains("queue full");
    }

    @Test
    void anAckedButReturnedMessageIsUnroutableNotASuccess() {
        CorrelationData correlation = new CorrelationData("1");
        correlation.setReturned(new ReturnedMessage(new Message(new byte[0], new MessageProperties()), 312,
                "NO_ROUTE", "rd.conversions", "conversion"));
        correlation.getFuture().complete(new CorrelationData.Confirm(true, null));
        BrokerConfirm confirm = BrokerConfirm.await(correlation, System.nanoTime());
        assertThat(confirm.outcome()).isEqualTo(BrokerConfirm.Outcome.UNROUTABLE);
        assertThat(confirm.detail()).contains("312 NO_ROUTE", "rd.conversions");
    }

    @Test
    void noAnswerByTheDeadlineIsATimeout() {
        BrokerConfirm confirm = BrokerConfirm.await(new CorrelationData("1"), System.nanoTime() + 20_000_000L);
        assertThat(confirm.outcome()).isEqualTo(BrokerConfirm.Outcome.TIMED_OUT);
        assertThat(confirm.confirmed()).isFalse();
    }
}
