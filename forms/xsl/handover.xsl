<?xml version="1.0" encoding="UTF-8"?>
<!--
  handover.xsl: a handover of the relay holder role (overføring): who
  asks whom to take over and why, its state, and the answer. The proposed
  holder accepts or refuses here; the holder (or whoever asked) may
  withdraw it while it waits. The log's head is in the view only when
  the user may read the log (view: h_handover.c).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Handover of relay log {0}', handover/@reference)"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="h" select="handover"/>
    <h1><xsl:value-of select="i:t('Handover of the relay holder role')"/></h1>
    <xsl:for-each select="log"><xsl:call-template name="log-head"/></xsl:for-each>
    <xsl:if test="$h/@to-me and $h/@status = 'pending'">
      <div class="callout handover-box">
        <p><strong><xsl:value-of select="i:t('{0} asks you to take over as relay holder for relay log {1}.', $h/@from, $h/@reference)"/></strong></p>
        <p><xsl:value-of select="i:t('As relay holder you coordinate the case: you call meetings, keep the measures on track and write in the log. Until you accept, {0} remains responsible.', $h/@from)"/></p>
        <xsl:if test="not(log)">
          <p><xsl:value-of select="i:t('You can read the relay log when you have accepted.')"/></p>
        </xsl:if>
      </div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Relay log')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="log"><a href="/logs/{$h/@log}" class="ref"><xsl:value-of select="$h/@reference"/></a></xsl:when>
          <xsl:otherwise><span class="ref"><xsl:value-of select="$h/@reference"/></span></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('State')"/></dt>
      <dd><xsl:call-template name="handover-state"><xsl:with-param name="s" select="$h/@status"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('From')"/></dt>
      <dd><xsl:value-of select="$h/@from"/></dd>
      <dt><xsl:value-of select="i:t('To')"/></dt>
      <dd><xsl:value-of select="$h/@to"/></dd>
      <dt><xsl:value-of select="i:t('Asked')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$h/@created"/></xsl:call-template></dd>
      <xsl:if test="$h/@decided">
        <dt><xsl:value-of select="i:t('Answered')"/></dt>
        <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$h/@decided"/></xsl:call-template></dd>
      </xsl:if>
    </dl>
    <h2><xsl:value-of select="i:t('Why the role is handed over')"/></h2>
    <p class="text"><xsl:value-of select="$h"/></p>
    <xsl:if test="normalize-space($h/@answer) != ''">
      <h2><xsl:value-of select="i:t('The answer')"/></h2>
      <p class="text"><xsl:value-of select="$h/@answer"/></p>
    </xsl:if>
    <xsl:if test="$h/@status = 'pending'">
      <xsl:choose>
        <xsl:when test="$h/@to-me">
          <h2><xsl:value-of select="i:t('Your answer')"/></h2>
          <div class="decide">
            <form method="post" action="/handovers/{$h/@id}/accept" class="inline-form">
              <input type="hidden" name="csrf" value="{csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <button type="submit" class="primary"><xsl:value-of select="i:t('Accept: I take over the relay log')"/></button>
            </form>
            <details class="action">
              <xsl:if test="error[@field = 'reason']"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
              <summary><xsl:value-of select="i:t('Refuse the handover')"/></summary>
              <form method="post" action="/handovers/{$h/@id}/refuse" novalidate="novalidate">
                <input type="hidden" name="csrf" value="{csrf}"/>
                <input type="hidden" name="idem" value="{/page/idem}"/>
                <xsl:call-template name="field">
                  <xsl:with-param name="id" select="'refuse-reason'"/>
                  <xsl:with-param name="name" select="'reason'"/>
                  <xsl:with-param name="label" select="i:t('Why do you refuse?')"/>
                  <xsl:with-param name="type" select="'textarea'"/>
                  <xsl:with-param name="required" select="true()"/>
                  <xsl:with-param name="maxlength" select="'2000'"/>
                  <xsl:with-param name="hint" select="i:t('The relay holder reads this. At most 2000 characters.')"/>
                  <xsl:with-param name="value" select="string(typed[@name = 'reason'])"/>
                  <xsl:with-param name="error" select="string(error[@field = 'reason'])"/>
                </xsl:call-template>
                <button type="submit" class="secondary"><xsl:value-of select="i:t('Refuse')"/></button>
              </form>
            </details>
          </div>
        </xsl:when>
        <xsl:when test="$h/@mine">
          <form method="post" action="/handovers/{$h/@id}/withdraw" class="inline-form">
            <input type="hidden" name="csrf" value="{csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <p><xsl:value-of select="i:t('You asked for this handover. If it is no longer right, withdraw it; you stay the relay holder.')"/></p>
            <button type="submit" class="secondary"><xsl:value-of select="i:t('Withdraw the handover')"/></button>
          </form>
        </xsl:when>
      </xsl:choose>
    </xsl:if>
    <p>
      <xsl:choose>
        <xsl:when test="log"><a href="/logs/{$h/@log}"><xsl:value-of select="i:t('Back to the relay log')"/></a></xsl:when>
        <xsl:otherwise><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>
</xsl:stylesheet>
