<?xml version="1.0" encoding="UTF-8"?>
<!--
  notice.xsl: recording that a notice to a partner arrived when the
  partner confirmed it some other way than with a receipt (view:
  <notice id kind status partner-name delivered log|concern reference/>,
  and <error field="how"/> with <typed/> after a refusal, from
  h_notice.c). Only the sender and the log's holder get here.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Record that a notice has arrived')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="n" select="notice"/>
    <xsl:variable name="what"><xsl:call-template name="notice-kind"><xsl:with-param name="k" select="$n/@kind"/></xsl:call-template></xsl:variable>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('Nothing was saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <li><a href="#confirm-how"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <h1><xsl:value-of select="i:t('Record that a notice has arrived')"/></h1>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Notice')"/></dt>
      <dd><xsl:value-of select="$what"/></dd>
      <dt><xsl:value-of select="i:t('To')"/></dt>
      <dd><xsl:value-of select="$n/@partner-name"/></dd>
      <xsl:if test="$n/@delivered">
        <dt><xsl:value-of select="i:t('Delivered')"/></dt>
        <dd><xsl:call-template name="datetime"><xsl:with-param name="d" select="$n/@delivered"/></xsl:call-template></dd>
      </xsl:if>
      <xsl:if test="$n/@log or $n/@concern">
        <dt><xsl:value-of select="i:t('Case')"/></dt>
        <dd>
          <xsl:choose>
            <xsl:when test="$n/@log"><a href="/logs/{$n/@log}#notice-{$n/@id}" class="ref"><xsl:value-of select="$n/@reference"/></a></xsl:when>
            <xsl:otherwise><a href="/concerns/{$n/@concern}" class="ref"><xsl:value-of select="$n/@reference"/></a></xsl:otherwise>
          </xsl:choose>
        </dd>
      </xsl:if>
    </dl>
    <xsl:choose>
      <xsl:when test="$n/@status = 'delivered'">
        <p class="intro"><xsl:value-of select="i:t('The notice was delivered, but the partner has not sent a receipt for it. If the partner has told you in another way that they have it, on the phone say, record it here. It is written in the timeline with your name, and the alert about the missing receipt goes away.')"/></p>
        <form method="post" action="/notices/{$n/@id}/confirm" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'confirm-how'"/>
            <xsl:with-param name="name" select="'how'"/>
            <xsl:with-param name="label" select="i:t('How do you know it has arrived?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="rows" select="'3'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="maxlength" select="'500'"/>
            <xsl:with-param name="hint" select="i:t('For example: Called BUP on 3 March; they have it. Everyone who reads the log reads this, the guardians too. At most 500 characters.')"/>
            <xsl:with-param name="value" select="string(typed[@name = 'how'])"/>
            <xsl:with-param name="error" select="string(error[@field = 'how'])"/>
          </xsl:call-template>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Record that it has arrived')"/></button>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="i:t('This notice is not waiting for a receipt, so there is nothing to record.')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
